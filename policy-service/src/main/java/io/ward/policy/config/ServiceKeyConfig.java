package io.ward.policy.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The access key that Ward's own services use when no user is in the loop (event-service → attack-mapper),
 * given to policy-service at start by whoever deploys the suite (`ward suite deploy`, `ward up`).
 */
@ConfigMapping(prefix = "ward.service-access-key")
public interface ServiceKeyConfig {

    /** Key id (WARD_SERVICE_ACCESS_KEY_ID); with {@link #secret()} makes sure the key exists at start. */
    Optional<String> id();

    /** Key secret (WARD_SERVICE_ACCESS_KEY_SECRET), at least 32 characters; only its hash is stored. */
    Optional<String> secret();
}
