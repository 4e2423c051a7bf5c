package io.ward.policy.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies machine-generated 256-bit secrets (access keys, install tokens). The slow hash runs once per credential
 * and instance; after that a SHA-256 of the secret is remembered, which is safe because such secrets cannot be
 * brute-forced. The entry is tied to the stored hash, so a deleted or re-issued credential never matches.
 */
@ApplicationScoped
public class HighEntropySecretVerifier {

    private record Verified(String storedHash, byte[] digest) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final PasswordHasher hasher;

    public HighEntropySecretVerifier(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * True if this instance has verified this very secret for this credential before: a cheap check, made before
     * the login throttle, so a valid credential gets its token whatever else its address has sent.
     */
    public boolean verifiedBefore(String credentialId, String secret, String storedHash) {
        Verified known = verified.get(credentialId);
        return known != null && known.storedHash().equals(storedHash) && MessageDigest.isEqual(known.digest(), sha256(secret));
    }

    public boolean verify(String credentialId, String secret, String storedHash) {
        byte[] digest = sha256(secret);
        Verified known = verified.get(credentialId);
        if (known != null && known.storedHash().equals(storedHash)) {
            return MessageDigest.isEqual(known.digest(), digest);
        }
        if (!hasher.verify(secret, storedHash)) {
            return false;
        }
        verified.put(credentialId, new Verified(storedHash, digest));
        return true;
    }

    /** Drops what this instance remembers about a revoked credential. */
    public void forget(String credentialId) {
        verified.remove(credentialId);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
