package io.ward.deploy.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ward.deploy.CliException;
import io.ward.deploy.CliRun;
import io.ward.deploy.local.FrontDoor;
import io.ward.deploy.local.LocalCertificates;
import io.ward.deploy.tls.ConsoleCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ward embed` for an https console with its own CA: the CA goes into the bundle, the Dockerfile copies it to
 * /etc/ward/console-ca.pem and the config names it, whether given as a file or fetched from a real TLS console and
 * confirmed by fingerprint; a console the system trusts needs none; anything else is a one-line error and no zip.
 */
class EmbedConsoleCaTest {

    @TempDir
    static Path dir;
    private static Path dockerfile;
    private static Path binary;
    private static LocalCertificates certificates;
    private static ConsoleCa ca;
    private static FrontDoor console;
    private static String consoleUrl;

    @BeforeAll
    static void startAnHttpsConsole() throws IOException {
        dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM python:3\nENTRYPOINT [\"python\"]\nCMD [\"app.py\"]\n");
        binary = Files.writeString(dir.resolve("ward-defender"), "x");
        certificates = new LocalCertificates(dir.resolve("console"));
        console = FrontDoor.start("127.0.0.1", 0, List.of(), certificates.serverContext(Set.of("127.0.0.1", "localhost")));
        consoleUrl = "https://127.0.0.1:" + console.port();
        ca = ConsoleCa.read("ca", certificates.caFile());
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static CliRun embed(Path out, String console, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("embed", "--app-id", "webadmin-aci", "--console", console,
                "--defender-binary", binary.toString(), "--output-dir", out.toString()));
        args.addAll(List.of(more));
        args.add(dockerfile.toString());
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void theCaGivenGoesIntoTheBundleTheDockerfileAndTheConfig() throws IOException {
        Path out = dir.resolve("given");
        CliRun run = embed(out, consoleUrl, "--console-ca", certificates.caFile().toString());

        assertEquals(0, run.exitCode(), run.toString());
        try (ZipFile zip = ZipFile.builder().setPath(out.resolve("app_embedded_embed_webadmin-aci.zip")).get()) {
            ZipArchiveEntry entry = zip.getEntry("ward-defender-ca.pem");
            assertEquals(0644, entry.getUnixMode() & 0777);
            assertEquals(ca, ConsoleCa.parse("bundled", read(zip, "ward-defender-ca.pem")), "the same CA certificate");
            assertFalse(read(zip, "ward-defender-ca.pem").contains("PRIVATE"), "never a key");
            assertEquals("# ward-defender configuration written by `ward embed`\napp-id=webadmin-aci\nconsole=" + consoleUrl
                    + "\ndata-folder=/tmp\nca-file=/etc/ward/console-ca.pem\n", read(zip, "ward-defender.conf"));
            List<String> added = read(zip, "Dockerfile").lines().skip(4).toList();
            assertEquals(List.of(
                    "# ward embed: the ward-defender app-embedded defender (app id webadmin-aci) wraps the original command",
                    "COPY --chmod=0755 ward-defender /usr/local/bin/ward-defender",
                    "COPY --chmod=0644 ward-defender.conf /etc/ward/defender.conf",
                    "COPY --chmod=0644 ward-defender-ca.pem /etc/ward/console-ca.pem",
                    "ENTRYPOINT [\"/usr/local/bin/ward-defender\",\"run\",\"--\",\"python\"]"), added);
        }
        assertTrue(run.out().contains(ca.sha256()), run.out());
    }

    @Test
    void theConsolesCaIsFetchedAndTakenWhenItsFingerprintMatches() throws IOException {
        Path out = dir.resolve("fetched");
        CliRun run = embed(out, consoleUrl, "--console-ca-fingerprint", "sha256:" + ca.sha256().toLowerCase());

        assertEquals(0, run.exitCode(), run.toString());
        try (ZipFile zip = ZipFile.builder().setPath(out.resolve("app_embedded_embed_webadmin-aci.zip")).get()) {
            assertEquals(ca, ConsoleCa.parse("bundled", read(zip, "ward-defender-ca.pem")));
            assertTrue(read(zip, "ward-defender.conf").contains("\nca-file=/etc/ward/console-ca.pem\n"));
            assertTrue(read(zip, "Dockerfile").contains("\nCOPY --chmod=0644 ward-defender-ca.pem /etc/ward/console-ca.pem\n"));
        }
    }

    @Test
    void atATerminalTheCaIsShownAndTakenOnlyWhenConfirmed() {
        for (String answer : List.of("y", "yes", "n", "", "maybe")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> asked = new java.util.ArrayList<>();
            ConsoleCaChoice.Terminal terminal = question -> {
                asked.add(question);
                return answer;
            };
            PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
            boolean yes = answer.startsWith("y");
            if (yes) {
                assertEquals(ca, ConsoleCaChoice.choose(consoleUrl, null, null, terminal, errors));
            } else {
                CliException refused = assertThrows(CliException.class,
                        () -> ConsoleCaChoice.choose(consoleUrl, null, null, terminal, errors));
                assertEquals("the console's CA was not confirmed; nothing written", refused.getMessage());
            }
            assertEquals(consoleUrl + " presents a certificate from a CA the system does not trust:\n  subject: "
                    + ca.subject() + "\n  SHA-256: " + ca.sha256() + "\n", err.toString(StandardCharsets.UTF_8));
            assertEquals(List.of("Trust this CA for the defender and put it into the image? [y/N] "), asked);
        }
    }

    @Test
    void anotherFingerprintIsRefusedAndNothingIsWritten() {
        Path out = dir.resolve("other-fingerprint");
        CliRun run = embed(out, consoleUrl, "--console-ca-fingerprint", "AB:".repeat(31) + "AB");

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: the CA " + consoleUrl + " presents (" + ca.subject() + ", SHA-256 " + ca.sha256()
                + ") does not have the --console-ca-fingerprint given; nothing written\n", run.err());
        assertFalse(Files.exists(out.resolve("app_embedded_embed_webadmin-aci.zip")));
    }

    @Test
    void withoutATerminalOrFingerprintAnUntrustedConsoleIsAOneLineError() {
        Path out = dir.resolve("no-terminal");
        CliRun run = embed(out, consoleUrl);

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: " + consoleUrl + " uses a CA the system does not trust; pass it with --console-ca FILE, or"
                + " confirm its SHA-256 with --console-ca-fingerprint (no terminal to ask)\n", run.err());
        assertFalse(Files.exists(out.resolve("app_embedded_embed_webadmin-aci.zip")));
    }

    @Test
    void aCaWhoseCertificateDoesNotNameTheConsoleIsRefused() {
        LocalCertificates elsewhere = new LocalCertificates(dir.resolve("elsewhere"));
        try (FrontDoor wrongName = FrontDoor.start("127.0.0.1", 0, List.of(),
                elsewhere.serverContext(Set.of("ward.example.com")))) {
            ConsoleCa itsCa = ConsoleCa.read("elsewhere", elsewhere.caFile());
            String url = "https://127.0.0.1:" + wrongName.port();
            CliRun run = embed(dir.resolve("wrong-name"), url, "--console-ca-fingerprint", itsCa.sha256());

            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().startsWith("ward: the certificate of " + url + " is not valid with the CA "
                    + itsCa.subject() + ": "), run.err());
            assertTrue(run.err().contains("No subject alternative names matching IP address 127.0.0.1"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertFalse(Files.exists(dir.resolve("wrong-name/app_embedded_embed_webadmin-aci.zip")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aConsoleTheSystemTrustsNeedsNoCa() throws Exception {
        Path trustStore = dir.resolve("system-trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("local-ca", ca.certificate());
        try (OutputStream file = Files.newOutputStream(trustStore)) {
            store.store(file, "changeit".toCharArray());
        }
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.getProperty(keys[i]);
        }
        System.setProperty(keys[0], trustStore.toString());
        System.setProperty(keys[1], "changeit");
        System.setProperty(keys[2], "PKCS12");
        Path out = dir.resolve("system-trusted");
        CliRun run;
        try {
            run = embed(out, consoleUrl);
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
        }
        assertEquals(0, run.exitCode(), run.toString());
        try (ZipFile zip = ZipFile.builder().setPath(out.resolve("app_embedded_embed_webadmin-aci.zip")).get()) {
            assertNull(zip.getEntry("ward-defender-ca.pem"), "no CA written");
            assertFalse(read(zip, "ward-defender.conf").contains("ca-file"));
            assertFalse(read(zip, "Dockerfile").contains("console-ca.pem"));
        }
    }

    @Test
    void aFileThatIsNotACaCertificateIsAOneLineError() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
        Path garbled = Files.writeString(dir.resolve("garbled.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Path serverOnly = Files.writeString(dir.resolve("server-only.pem"),
                Files.readString(dir.resolve("console/tls/server.pem")).split("(?<=-----END CERTIFICATE-----\n)")[0]);
        Path chain = dir.resolve("console/tls/server.pem");
        List<List<String>> cases = List.of(
                List.of(notPem.toString(), "ward: --console-ca " + notPem + " is not a PEM certificate (no BEGIN CERTIFICATE line)"),
                List.of(garbled.toString(), "ward: --console-ca " + garbled + " is not a valid X.509 certificate: "),
                List.of(serverOnly.toString(), "ward: --console-ca " + serverOnly + " is not a CA certificate (CN=localhost,O=Ward"
                        + " has no basic constraint CA:TRUE); give the CA that issued the console's certificate"),
                List.of(chain.toString(), "ward: --console-ca " + chain + " holds 2 certificates; give the console's CA"
                        + " certificate alone"),
                List.of(dir.resolve("missing.pem").toString(), "ward: --console-ca " + dir.resolve("missing.pem")
                        + " cannot be read: "));
        for (List<String> c : cases) {
            Path out = dir.resolve("bad-ca");
            CliRun run = embed(out, consoleUrl, "--console-ca", c.get(0));
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().startsWith(c.get(1)), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertFalse(Files.exists(out.resolve("app_embedded_embed_webadmin-aci.zip")), c.get(0));
        }
    }

    @Test
    void aCaForAPlainHttpConsoleIsRefused() {
        CliRun run = embed(dir.resolve("http"), "http://127.0.0.1:8080", "--console-ca", certificates.caFile().toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: --console-ca is only for an https console; http://127.0.0.1:8080 is plain http\n", run.err());
    }

    private static String read(ZipFile zip, String name) throws IOException {
        return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }
}
