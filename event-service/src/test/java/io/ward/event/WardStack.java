package io.ward.event;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.ward.localpg.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** INTERIM: a real PostgreSQL and a test signing key, until policy-service and attack-mapper can be started. */
public class WardStack implements QuarkusTestResourceLifecycleManager {

    private LocalPostgres pg;

    @Override
    public Map<String, String> start() {
        pg = LocalPostgres.startTemporary();
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair keys = gen.generateKeyPair();
            Path dir = Files.createTempDirectory("ward-event-test-keys");
            Path pub = dir.resolve("public.pem");
            Path priv = dir.resolve("private.pem");
            Files.writeString(pub, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            Files.writeString(priv, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
            config.put("quarkus.datasource.username", pg.username());
            config.put("quarkus.datasource.password", pg.password());
            config.put("mp.jwt.verify.publickey.location", pub.toUri().toString());
            config.put("ward-test.signing-key", priv.toString());
            config.put("ward-test.jdbc-url", pg.jdbcUrl());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void stop() {
        if (pg != null) {
            pg.close();
        }
    }
}
