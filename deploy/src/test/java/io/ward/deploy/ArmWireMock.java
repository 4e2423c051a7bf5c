package io.ward.deploy;

import com.azure.core.credential.AccessToken;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ward.deploy.azure.AzureCredentials;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock over HTTPS standing in for Azure Resource Manager, ACR and blob storage. The SDK refuses to send tokens
 * over plain HTTP, so the server gets a certificate for 127.0.0.1 made with keytool, which the JVM trusts for the
 * tests. The only test wiring in the code path is the credential (a static token) and the SDK's poll delay.
 */
public final class ArmWireMock implements AutoCloseable {

    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
    public static final String TOKEN = "static-test-token";
    private static final String PASSWORD = "wiremock-tls";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path keystore;

    public final WireMockServer server;

    public ArmWireMock() {
        setUpTls();
        AzureCredentials.useProvider(() -> request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1))));
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delay -> Duration.ofMillis(10));
        server = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(keystore.toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                .keystoreType("PKCS12"));
        server.start();
    }

    public String url() {
        return "https://127.0.0.1:" + server.httpsPort();
    }

    /** The flags that point a command at this server. */
    public List<String> azureFlags() {
        return List.of("--subscription", SUBSCRIPTION, "--arm-endpoint", url());
    }

    /** Every request received, oldest first, as "METHOD path?query". */
    public List<String> requestLines() {
        List<LoggedRequest> all = new ArrayList<>(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
        all.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        return all.stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        AzureCredentials.useProvider(null);
    }

    /** One keystore per JVM: a self-signed certificate for 127.0.0.1/localhost, trusted through javax.net.ssl.trustStore. */
    private static synchronized void setUpTls() {
        if (keystore != null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target/wiremock-tls"));
            Path ks = dir.resolve("server.p12");
            Path cert = dir.resolve("server.crt");
            Path trust = dir.resolve("trust.p12");
            for (Path p : List.of(ks, cert, trust)) {
                Files.deleteIfExists(p);
            }
            keytool("-genkeypair", "-alias", "wiremock", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", ks.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-alias", "wiremock", "-keystore", ks.toString(), "-storepass", PASSWORD,
                    "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "wiremock", "-file", cert.toString(), "-keystore",
                    trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            System.setProperty("javax.net.ssl.trustStore", trust.toAbsolutePath().toString());
            System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            keystore = ks.toAbsolutePath();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot create the WireMock TLS keystore", e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    /** Builds an argument array: the given words followed by {@link #azureFlags()}. */
    public String[] args(String... words) {
        return Stream.concat(Stream.of(words), azureFlags().stream()).toArray(String[]::new);
    }
}
