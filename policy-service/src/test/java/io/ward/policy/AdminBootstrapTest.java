package io.ward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ward.localpg.LocalPostgresTestResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without WARD_ADMIN_PASSWORD the first admin gets a generated password, saved owner-only, that logs in. */
@QuarkusTest
@TestProfile(AdminBootstrapTest.GeneratedPassword.class)
@QuarkusTestResource(LocalPostgresTestResource.class)
class AdminBootstrapTest {

    static final Path PASSWORD_FILE = Path.of("target/bootstrap-test/.ward/admin-password");

    /** No admin password configured, a password file of our own, and an empty schema of our own (the database is shared). */
    public static class GeneratedPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(PASSWORD_FILE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String schema = "policy_bootstrap_" + Long.toHexString(System.nanoTime());
            return Map.of("ward.admin.password", "", "ward.admin.password-file", PASSWORD_FILE.toString(),
                    "quarkus.flyway.schemas", schema, "quarkus.flyway.default-schema", schema,
                    "quarkus.hibernate-orm.database.default-schema", schema,
                    "quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema", schema);
        }
    }

    @Test
    void generatedPasswordIsSavedOwnerOnlyAndLogsIn() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(PASSWORD_FILE)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(PASSWORD_FILE.getParent())));
        String password = Files.readString(PASSWORD_FILE).strip();
        assertTrue(password.matches("[A-Za-z0-9_-]{32}"), "generated password shape");
        String token = Api.login("admin", password);
        assertEquals("[\"admin\"]", Api.jwtPart(token, 1).get("groups").toString());
        Api.as(token).get("/api/v1/auth/users").then().statusCode(200)
                .body("username", org.hamcrest.Matchers.equalTo(java.util.List.of("admin")));
    }
}
