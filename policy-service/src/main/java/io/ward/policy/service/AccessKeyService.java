package io.ward.policy.service;

import io.ward.http.problems.ProblemException;
import io.ward.policy.AccessKey;
import io.ward.policy.auth.HighEntropySecretVerifier;
import io.ward.policy.auth.PasswordHasher;
import io.ward.policy.auth.Secrets;
import io.ward.policy.repository.AccessKeyRepository;
import io.ward.policy.rest.model.AccessKeyCreateRequest;
import io.ward.policy.rest.model.AccessKeyCreated;
import io.ward.policy.rest.model.AccessKeyView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/** Creates, lists and deletes access keys for automation. */
@ApplicationScoped
@Transactional
public class AccessKeyService {

    private static final Logger LOG = Logger.getLogger(AccessKeyService.class);

    private final AccessKeyRepository repository;
    private final PasswordHasher hasher;
    private final HighEntropySecretVerifier secrets;

    public AccessKeyService(AccessKeyRepository repository, PasswordHasher hasher, HighEntropySecretVerifier secrets) {
        this.repository = repository;
        this.hasher = hasher;
        this.secrets = secrets;
    }

    public AccessKeyCreated create(AccessKeyCreateRequest request, String actor) {
        String secret = Secrets.randomHex(32);
        AccessKey key = new AccessKey();
        key.id = "wak_" + Secrets.randomHex(8);
        key.secretHash = hasher.hash(secret);
        key.role = request.role();
        key.description = request.description() == null ? "" : request.description();
        key.createdBy = actor;
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.persist(key);
        LOG.infof("%s created access key %s with role %s", actor, key.id, key.role);
        return new AccessKeyCreated(key.id, secret, key.role, key.description, key.createdBy, key.createdAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccessKeyView> list() {
        return repository.listByCreation().stream()
                .map(k -> new AccessKeyView(k.id, k.role, k.description, k.createdBy, k.createdAt))
                .toList();
    }

    public void delete(String id, String actor) {
        if (!repository.deleteById(id)) {
            throw ProblemException.notFound("No access key " + id + ".");
        }
        secrets.forget(id);
        LOG.infof("%s deleted access key %s", actor, id);
    }
}
