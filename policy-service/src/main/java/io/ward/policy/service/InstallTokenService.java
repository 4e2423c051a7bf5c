package io.ward.policy.service;

import io.ward.http.problems.ProblemException;
import io.ward.policy.InstallToken;
import io.ward.policy.auth.HighEntropySecretVerifier;
import io.ward.policy.auth.PasswordHasher;
import io.ward.policy.auth.Secrets;
import io.ward.policy.repository.InstallTokenRepository;
import io.ward.policy.rest.model.InstallTokenCreated;
import io.ward.policy.rest.model.InstallTokenView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/** Mints, lists and revokes defender install tokens. */
@ApplicationScoped
@Transactional
public class InstallTokenService {

    private static final Logger LOG = Logger.getLogger(InstallTokenService.class);

    private final InstallTokenRepository repository;
    private final PasswordHasher hasher;
    private final HighEntropySecretVerifier secrets;

    public InstallTokenService(InstallTokenRepository repository, PasswordHasher hasher,
                               HighEntropySecretVerifier secrets) {
        this.repository = repository;
        this.hasher = hasher;
        this.secrets = secrets;
    }

    public InstallTokenCreated create(String appId, String actor) {
        InstallTokenSecret secret = new InstallTokenSecret(Secrets.randomHex(8), Secrets.randomHex(32));
        InstallToken token = new InstallToken();
        token.id = secret.id();
        token.appId = appId;
        token.secretHash = hasher.hash(secret.secret());
        token.createdBy = actor;
        token.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.persist(token);
        LOG.infof("%s minted install token %s for app %s", actor, token.id, appId);
        return new InstallTokenCreated(token.id, appId, secret.token(), token.createdAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InstallTokenView> list() {
        return repository.listByCreation().stream()
                .map(t -> new InstallTokenView(t.id, t.appId, t.createdBy, t.createdAt))
                .toList();
    }

    public void revoke(String id, String actor) {
        if (!repository.deleteById(id)) {
            throw ProblemException.notFound("No install token " + id + ".");
        }
        secrets.forget(id);
        LOG.infof("%s revoked install token %s", actor, id);
    }
}
