package io.ward.policy.service;

import io.ward.policy.AccessKey;
import io.ward.policy.InstallToken;
import io.ward.policy.UserAccount;
import io.ward.policy.auth.HighEntropySecretVerifier;
import io.ward.policy.auth.LoginThrottle;
import io.ward.policy.auth.PasswordHasher;
import io.ward.policy.auth.Roles;
import io.ward.policy.auth.TokenIssuer;
import io.ward.policy.auth.TokenIssuer.IssuedToken;
import io.ward.policy.config.AuthConfig;
import io.ward.policy.mapping.FieldError;
import io.ward.policy.mapping.ProblemException;
import io.ward.policy.repository.AccessKeyRepository;
import io.ward.policy.repository.InstallTokenRepository;
import io.ward.policy.repository.UserRepository;
import io.ward.policy.rest.model.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    UserRepository users;
    @Inject
    AccessKeyRepository accessKeys;
    @Inject
    InstallTokenRepository installTokens;
    @Inject
    PasswordHasher hasher;
    @Inject
    HighEntropySecretVerifier secrets;
    @Inject
    LoginThrottle throttle;
    @Inject
    TokenIssuer issuer;
    @Inject
    AuthConfig config;

    public IssuedToken exchange(TokenRequest request, String clientAddress) {
        requireOneCredential(request);
        if (request.installToken() != null) {
            return byInstallToken(request.installToken(), clientAddress);
        }
        if (request.accessKeyId() != null) {
            return byAccessKey(request.accessKeyId(), request.secret(), clientAddress);
        }
        return byPassword(request.username(), request.password(), clientAddress);
    }

    private IssuedToken byPassword(String username, String password, String clientAddress) {
        throttle.check(username, clientAddress);
        Optional<UserAccount> user = users.findByIdOptional(username);
        boolean valid = user.isPresent() ? hasher.verify(password, user.get().passwordHash) : hasher.verifyDecoy(password);
        if (!valid) {
            throw refused(username, clientAddress, "password");
        }
        throttle.recordSuccess(username);
        return issuer.issue(username, user.get().role, null, config.tokenLifetime());
    }

    private IssuedToken byAccessKey(String id, String secret, String clientAddress) {
        throttle.check(id, clientAddress);
        Optional<AccessKey> key = accessKeys.findByIdOptional(id);
        boolean valid = key.isPresent() ? secrets.verify(id, secret, key.get().secretHash) : hasher.verifyDecoy(secret);
        if (!valid) {
            throw refused(id, clientAddress, "access key");
        }
        throttle.recordSuccess(id);
        return issuer.issue(id, key.get().role, null, config.tokenLifetime());
    }

    private IssuedToken byInstallToken(String installToken, String clientAddress) {
        Optional<InstallTokenSecret> parsed = InstallTokenSecret.parse(installToken);
        String principal = parsed.map(p -> "install:" + p.id()).orElse("install:malformed");
        throttle.check(principal, clientAddress);
        Optional<InstallToken> stored = parsed.flatMap(p -> installTokens.findByIdOptional(p.id()));
        boolean valid = stored.isPresent() && secrets.verify(stored.get().id, parsed.get().secret(), stored.get().secretHash);
        if (!valid) {
            throw refused(principal, clientAddress, "install token");
        }
        throttle.recordSuccess(principal);
        InstallToken token = stored.get();
        return issuer.issue("defender:" + token.id, Roles.DEFENDER, token.appId, config.defenderTokenLifetime());
    }

    private ProblemException refused(String principal, String clientAddress, String kind) {
        throttle.recordFailure(principal, clientAddress);
        LOG.infof("Refused %s login for %s from %s", kind, principal, clientAddress);
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
