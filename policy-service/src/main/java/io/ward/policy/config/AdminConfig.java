package io.ward.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the first administrator is created on an empty database. */
@ConfigMapping(prefix = "ward.admin")
public interface AdminConfig {

    /** Password for the first admin (from WARD_ADMIN_PASSWORD); generated when absent. */
    Optional<String> password();

    /** Where a generated first-admin password is saved (mode 0600). */
    @WithDefault("${user.home}/.ward/admin-password")
    String passwordFile();
}
