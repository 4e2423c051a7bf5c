package io.ward.event.classify;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.ward.event.Api;
import io.ward.localpg.LocalPostgres;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * event-service between neighbours that misbehave on demand: a real PostgreSQL, and one WireMock server playing
 * policy-service (token endpoint and JWKS) and attack-mapper, which tests make answer errors, slowly, or
 * replies that break the contract. The real neighbours cannot be made to do that; how event-service works with a
 * correct neighbour is tested against the real ones ({@link WardStack}).
 *
 * <p>Tests reach the server and the keys through {@code ward-test.*} config values (strings, because tests and
 * test resources may be loaded by different class loaders): the WireMock port, the JWKS document it serves, the
 * private key that signs it and its key id (tests sign their own tokens, as policy-service would).
 */
public class NeighbourFaults implements QuarkusTestResourceLifecycleManager {

    /** Its own Quarkus app (WardStack is global to the other tests): the neighbours here are WireMock only. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NeighbourFaults.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The classifier's time limit, shortened so a test waits seconds for it, not 15 s; attack-mapper's
            // read timeout stays longer so that the limit, not the socket, ends a hanging call. The resets these
            // tests cause on purpose would each be an ERROR line of vert.x's connection class in the build log;
            // event-service's own log (the one-outage-line assertions) is unaffected.
            return Map.of("io.ward.event.classify.AttackClassifier/classify/Timeout/value", "3000",
                    "quarkus.log.category.\"io.ward.event\".level", "DEBUG",
                    "quarkus.log.category.\"io.vertx.core.net.impl.ConnectionBase\".level", "OFF");
        }
    }

    private LocalPostgres pg;
    private WireMockServer wireMock;

    @Override
    public Map<String, String> start() {
        pg = LocalPostgres.startTemporary();
        // Hanging replies hold a server thread each until their delay ends: room for the retries meanwhile.
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(60));
        wireMock.start();
        String url = "http://127.0.0.1:" + wireMock.port();
        KeyPair keys = rsaKeyPair();
        String kid = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
        config.put("quarkus.datasource.username", pg.username());
        config.put("quarkus.datasource.password", pg.password());
        config.put("mp.jwt.verify.publickey.location", url + "/api/v1/auth/jwks");
        config.put("ward.policy-service.url", url);
        config.put("ward.attack-mapper.url", url);
        config.put("ward.service-access-key.id", "wak_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8)));
        config.put("ward.service-access-key.secret", secret);
        config.put("ward-test.wiremock-port", String.valueOf(wireMock.port()));
        config.put("ward-test.jwks", jwks((RSAPublicKey) keys.getPublic(), kid));
        config.put("ward-test.signing-kid", kid);
        config.put("ward-test.signing-key", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        return config;
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** policy-service's JWKS document (SigningKeys.jwks) for {@code key}. */
    private static String jwks(RSAPublicKey key, String kid) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            Map<String, Object> publicOnly = jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            return Api.JSON.writeValueAsString(Map.of("keys", List.of(publicOnly)));
        } catch (JoseException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
