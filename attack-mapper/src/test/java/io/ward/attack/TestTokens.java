package io.ward.attack;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Set;

/**
 * Ward tokens for tests, signed with the test key pair in src/test/resources (the service verifies them with its
 * real smallrye-jwt verifier), plus tokens that must be refused.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String withRole(String role) {
        return Jwt.issuer("ward").subject("alice").upn("alice").groups(Set.of(role)).expiresIn(3600).sign();
    }

    public static String auditor() {
        return withRole("auditor");
    }

    public static String defender() {
        return Jwt.issuer("ward").subject("defender:it-1").upn("defender:it-1").groups(Set.of("defender"))
                .claim("appId", "webadmin-aci").expiresIn(45).sign();
    }

    /** Expired beyond the 10 s clock skew. */
    public static String expired() {
        Instant issued = Instant.now().minusSeconds(3700);
        return Jwt.issuer("ward").subject("alice").upn("alice").groups(Set.of("admin")).issuedAt(issued)
                .expiresAt(Instant.now().minusSeconds(60)).sign();
    }

    public static String wrongIssuer() {
        return Jwt.issuer("mallory").subject("alice").upn("alice").groups(Set.of("admin")).expiresIn(3600).sign();
    }

    public static String signedByAnotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Jwt.issuer("ward").subject("alice").upn("alice").groups(Set.of("admin")).expiresIn(3600)
                .sign(generator.generateKeyPair().getPrivate());
    }
}
