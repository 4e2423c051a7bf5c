package io.ward.policy.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Signs Ward's RS256 JWTs (iss=ward; sub=upn; groups=roles; appId for defenders). */
@ApplicationScoped
public class TokenIssuer {

    public static final String ISSUER = "ward";
    public static final String APP_ID_CLAIM = "appId";

    /** A signed token and the instant it stops being accepted (before clock skew). */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final SigningKeys keys;

    public TokenIssuer(SigningKeys keys) {
        this.keys = keys;
    }

    public IssuedToken issue(String subject, String role, String appId, Duration lifetime) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (appId != null) {
            claims.claim(APP_ID_CLAIM, appId);
        }
        String token = claims.jws().keyId(keys.kid()).algorithm(SignatureAlgorithm.RS256).sign(keys.privateKey());
        return new IssuedToken(token, expiresAt);
    }
}
