package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ward.deploy.console.ConsoleClient;
import io.ward.deploy.console.ConsoleException;
import io.ward.deploy.tls.ConsoleCa;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door over HTTPS (a real JDK TLS server with the local CA's certificate) and the CLI's client: it answers
 * a client trusting the CA, and every other client is refused before a request is sent.
 */
class FrontDoorTlsTest {

    @TempDir
    static Path data;
    private static FrontDoor door;
    private static ConsoleCa ca;

    @BeforeAll
    static void start() throws Exception {
        LocalCertificates certificates = new LocalCertificates(data.resolve("console"));
        door = FrontDoor.start("127.0.0.1", 0, List.of(), certificates.serverContext(Set.of("127.0.0.1", "localhost")));
        ca = ConsoleCa.read("ca", certificates.caFile());
    }

    @AfterAll
    static void stop() {
        door.close();
    }

    @Test
    void aClientTrustingTheConsoleCaIsServed() {
        assertEquals("https", door.scheme());
        ConsoleClient client = new ConsoleClient(URI.create("https://127.0.0.1:" + door.port()), null, ca);
        assertEquals("{\"status\":\"UP\"}", client.get("/healthz").toString());
        ConsoleClient byName = new ConsoleClient(URI.create("https://localhost:" + door.port()), null, ca);
        assertEquals("UP", byName.get("/healthz").path("status").asText());
    }

    @Test
    void aClientWithoutTheCaIsRefusedAndToldToPassIt() {
        ConsoleException refused = assertThrows(ConsoleException.class,
                () -> new ConsoleClient(URI.create("https://127.0.0.1:" + door.port()), null).get("/healthz"));
        assertEquals(0, refused.status());
        assertTrue(refused.getMessage().startsWith("refused the Ward console at https://127.0.0.1:" + door.port()
                + ": its TLS certificate is not trusted ("), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("pass that CA with --ca-file"), refused.getMessage());
    }

    @Test
    void anotherCaIsNotTrusted() {
        LocalCertificates other = new LocalCertificates(data.resolve("other"));
        other.serverContext(Set.of("127.0.0.1"));
        ConsoleCa otherCa = ConsoleCa.read("other", other.caFile());
        ConsoleException refused = assertThrows(ConsoleException.class,
                () -> new ConsoleClient(URI.create("https://127.0.0.1:" + door.port()), null, otherCa).get("/healthz"));
        assertTrue(refused.getMessage().contains("its TLS certificate is not trusted"), refused.getMessage());
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        LocalCertificates elsewhere = new LocalCertificates(data.resolve("elsewhere"));
        try (FrontDoor wrongName = FrontDoor.start("127.0.0.1", 0, List.of(),
                elsewhere.serverContext(Set.of("ward.example.com")))) {
            ConsoleCa itsCa = ConsoleCa.read("elsewhere", elsewhere.caFile());
            ConsoleException refused = assertThrows(ConsoleException.class, () -> new ConsoleClient(
                    URI.create("https://127.0.0.1:" + wrongName.port()), null, itsCa).get("/healthz"));
            assertTrue(refused.getMessage().contains("No subject alternative names matching IP address 127.0.0.1"),
                    refused.getMessage());
        }
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoAnswerAndTheCliSaysToUseHttps() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", door.port())) {
            plain.setSoTimeout(5000);
            OutputStream out = plain.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = plain.getInputStream();
            String reply = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            assertFalse(reply.contains("HTTP/") || reply.contains("UP"), "no HTTP answer over plain text: " + reply);
        }
        ConsoleException refused = assertThrows(ConsoleException.class,
                () -> new ConsoleClient(URI.create("http://127.0.0.1:" + door.port()), null).get("/healthz"));
        assertTrue(refused.getMessage().startsWith("cannot talk to the Ward console at http://127.0.0.1:" + door.port()),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith("(does it serve HTTPS only? then use https://127.0.0.1:" + door.port() + ")"),
                refused.getMessage());
    }

    @Test
    void tlsOlderThan12IsRefused() throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, null, null);
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", door.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThrows(SSLHandshakeException.class, socket::startHandshake);
        } catch (IllegalArgumentException jdkDisabledIt) {
            // this JDK cannot even offer TLS 1.1: nothing to test
        }
    }
}
