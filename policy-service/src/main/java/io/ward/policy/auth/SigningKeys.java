package io.ward.policy.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.ward.policy.SigningKey;
import io.ward.policy.repository.AdvisoryLocks;
import io.ward.policy.repository.SigningKeyRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The RS256 key pair, created on the first start and kept in the database so every instance and restart signs
 * with the same key. The private key stays in this class; only the public half is ever published.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private record Loaded(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {
    }

    private final SigningKeyRepository repository;
    private final AdvisoryLocks locks;

    private volatile Loaded loaded;

    public SigningKeys(SigningKeyRepository repository, AdvisoryLocks locks) {
        this.repository = repository;
        this.locks = locks;
    }

    @PostConstruct
    void load() {
        loaded = QuarkusTransaction.requiringNew().call(() -> {
            locks.lockForTransaction(AdvisoryLocks.SIGNING_KEY);
            SigningKey key = repository.newest().orElseGet(this::create);
            return decode(key);
        });
        LOG.infof("Token signing key %s ready", loaded.kid());
    }

    public String kid() {
        return loaded.kid();
    }

    public RSAPublicKey publicKey() {
        return loaded.publicKey();
    }

    /** Package-private: only the token issuer signs. */
    PrivateKey privateKey() {
        return loaded.privateKey();
    }

    /** The JSON Web Key Set verifiers fetch: public parameters only. */
    public Map<String, Object> jwks() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(loaded.publicKey());
            jwk.setKeyId(loaded.kid());
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            return Map.of("keys", List.of(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } catch (JoseException e) {
            throw new IllegalStateException("cannot publish the signing key", e);
        }
    }

    private SigningKey create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            SigningKey key = new SigningKey();
            key.kid = Secrets.randomHex(8);
            key.privateKey = pair.getPrivate().getEncoded();
            key.publicKey = pair.getPublic().getEncoded();
            key.createdAt = Instant.now();
            repository.persist(key);
            LOG.infof("Created token signing key %s", key.kid);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    private static Loaded decode(SigningKey key) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new Loaded(key.kid,
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(key.privateKey)),
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(key.publicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key " + key.kid + " is unreadable", e);
        }
    }
}
