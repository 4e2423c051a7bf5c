package io.ward.policy.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies bearer tokens with the signing key held in memory (loaded from the database), replacing smallrye-jwt's
 * key-location lookup: the issuing service must not fetch its own JWKS over HTTP, least of all while starting.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class DatabaseKeyJwtParser implements JWTParser {

    private final DefaultJWTParser delegate = new DefaultJWTParser();
    private final SigningKeys keys;
    private final int clockSkewSeconds;

    public DatabaseKeyJwtParser(SigningKeys keys,
                                @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "10") int clockSkew) {
        this.keys = keys;
        this.clockSkewSeconds = clockSkew;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.publicKey(), TokenIssuer.ISSUER);
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        context.setClockSkew(clockSkewSeconds);
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
