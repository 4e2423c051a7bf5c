package io.ward.policy.service;

import io.ward.http.problems.FieldError;
import io.ward.http.problems.ProblemException;
import io.ward.http.problems.Roles;
import io.ward.policy.AccessKey;
import io.ward.policy.InstallToken;
import io.ward.policy.UserAccount;
import io.ward.policy.auth.HighEntropySecretVerifier;
import io.ward.policy.auth.LoginThrottle;
import io.ward.policy.auth.PasswordHasher;
import io.ward.policy.auth.TokenIssuer.IssuedToken;
import io.ward.policy.auth.TokenIssuer;
import io.ward.policy.config.AuthConfig;
import io.ward.policy.repository.AccessKeyRepository;
import io.ward.policy.repository.InstallTokenRepository;
import io.ward.policy.repository.UserRepository;
import io.ward.policy.rest.model.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Exchanges a password, an access key or a defender install token for a signed JWT. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuthService {

    private static final Logger LOG = Logger.getLogger(AuthService.class);
    private static final String INVALID = "Invalid credentials.";

    private final UserRepository users;
    private final AccessKeyRepository accessKeys;
    private final InstallTokenRepository installTokens;
    private final PasswordHasher hasher;
    private final HighEntropySecretVerifier secrets;
    private final LoginThrottle throttle;
    private final TokenIssuer issuer;
    private final AuthConfig config;

    public AuthService(UserRepository users, AccessKeyRepository accessKeys, InstallTokenRepository installTokens,
                       PasswordHasher hasher, HighEntropySecretVerifier secrets, LoginThrottle throttle,
                       TokenIssuer issuer, AuthConfig config) {
        this.users = users;
        this.accessKeys = accessKeys;
        this.installTokens = installTokens;
        this.hasher = hasher;
        this.secrets = secrets;
        this.throttle = throttle;
        this.issuer = issuer;
        this.config = config;
    }

    /** {@code client} names where the request comes from ({@link io.ward.policy.auth.ClientAddresses}). */
    public IssuedToken exchange(TokenRequest request, String client) {
        requireOneCredential(request);
        if (request.installToken() != null) {
            return byInstallToken(request.installToken(), client);
        }
        if (request.accessKeyId() != null) {
            return byAccessKey(request.accessKeyId(), request.secret(), client);
        }
        return byPassword(request.username(), request.password(), client);
    }

    private IssuedToken byPassword(String username, String password, String client) {
        throttle.checkPassword(username, client);
        Optional<UserAccount> user = users.findByIdOptional(username);
        boolean valid = user.isPresent() ? hasher.verify(password, user.get().passwordHash) : hasher.verifyDecoy(password);
        if (!valid) {
            throttle.recordPasswordFailure(username, client);
            throw refused("password", username, client);
        }
        throttle.recordPasswordSuccess(username, client);
        return issuer.issue(username, user.get().role, null, config.tokenLifetime());
    }

    private IssuedToken byAccessKey(String id, String secret, String client) {
        Optional<AccessKey> key = accessKeys.findByIdOptional(id);
        requireMachineSecret("access key", id, id, secret, key.map(k -> k.secretHash), client);
        return issuer.issue(id, key.get().role, null, config.tokenLifetime());
    }

    private IssuedToken byInstallToken(String installToken, String client) {
        Optional<InstallTokenSecret> parsed = InstallTokenSecret.parse(installToken);
        String principal = parsed.map(p -> "install:" + p.id()).orElse("install:malformed");
        Optional<InstallToken> stored = parsed.flatMap(p -> installTokens.findByIdOptional(p.id()));
        requireMachineSecret("install token", principal, parsed.map(InstallTokenSecret::id).orElse(""),
                parsed.map(InstallTokenSecret::secret).orElse(""), stored.map(t -> t.secretHash), client);
        InstallToken token = stored.get();
        return issuer.issue("defender:" + token.id, Roles.DEFENDER, token.appId, config.defenderTokenLifetime());
    }

    /**
     * Passes if {@code secret} is the credential's; else 401 (or 429 once the client has failed too often). A secret
     * this instance has verified before passes first, unthrottled: such secrets are 256-bit random, so there is no
     * guessing to slow down, and a defender behind the same address as a flood of bad requests keeps its token.
     */
    private void requireMachineSecret(String kind, String principal, String id, String secret, Optional<String> storedHash,
            String client) {
        if (storedHash.isPresent() && secrets.verifiedBefore(id, secret, storedHash.get())) {
            return;
        }
        throttle.checkMachine(principal, client);
        boolean valid = storedHash.isPresent() ? secrets.verify(id, secret, storedHash.get()) : hasher.verifyDecoy(secret);
        if (!valid) {
            throttle.recordMachineFailure(principal, client);
            throw refused(kind, principal, client);
        }
        throttle.recordMachineSuccess(principal, client);
    }

    private static ProblemException refused(String kind, String principal, String client) {
        LOG.infof("Refused %s login for %s from %s", kind, principal, client);
        return ProblemException.unauthorized(INVALID);
    }

    private static void requireOneCredential(TokenRequest r) {
        boolean password = r.username() != null || r.password() != null;
        boolean accessKey = r.accessKeyId() != null || r.secret() != null;
        boolean install = r.installToken() != null;
        int kinds = (password ? 1 : 0) + (accessKey ? 1 : 0) + (install ? 1 : 0);
        if (kinds != 1) {
            throw ProblemException.badRequest("body",
                    "give exactly one of username+password, accessKeyId+secret or installToken");
        }
        List<FieldError> errors = new ArrayList<>();
        requirePair(errors, "username", r.username(), "password", r.password());
        requirePair(errors, "accessKeyId", r.accessKeyId(), "secret", r.secret());
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }

    private static void requirePair(List<FieldError> errors, String name1, String v1, String name2, String v2) {
        if (v1 == null && v2 != null) {
            errors.add(new FieldError(name1, "must not be null"));
        }
        if (v2 == null && v1 != null) {
            errors.add(new FieldError(name2, "must not be null"));
        }
    }
}
