package io.ward.policy.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.ward.http.problems.Roles;
import io.ward.policy.UserAccount;
import io.ward.policy.config.AdminConfig;
import io.ward.policy.repository.AdvisoryLocks;
import io.ward.policy.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Creates the first administrator, {@code admin}, when the database has no users: with WARD_ADMIN_PASSWORD, or
 * with a generated password that is printed once to the console and saved (mode 0600) for the operator.
 */
@ApplicationScoped
public class AdminBootstrap {

    public static final String ADMIN_USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final AdvisoryLocks locks;
    private final PasswordHasher hasher;
    private final AdminConfig config;

    public AdminBootstrap(UserRepository users, AdvisoryLocks locks, PasswordHasher hasher, AdminConfig config) {
        this.users = users;
        this.locks = locks;
        this.hasher = hasher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        String generated = QuarkusTransaction.requiringNew().call(this::createAdminIfNoUsers);
        if (generated != null) {
            Path file = Path.of(config.passwordFile());
            saveOwnerOnly(file, generated);
            // Printed, not logged: the console shows it once; log files and collectors never see it.
            System.out.println("Ward first administrator: user '" + ADMIN_USERNAME + "', password " + generated
                    + " (also saved to " + file + ", mode 0600)");
        }
    }

    /** Returns the generated password, or null when none was generated. */
    private String createAdminIfNoUsers() {
        locks.lockForTransaction(AdvisoryLocks.ADMIN_BOOTSTRAP);
        if (users.count() > 0) {
            return null;
        }
        String generated = config.password().isPresent() ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(24));
        UserAccount admin = new UserAccount();
        admin.username = ADMIN_USERNAME;
        admin.passwordHash = hasher.hash(generated != null ? generated : config.password().get());
        admin.role = Roles.ADMIN;
        admin.createdAt = Instant.now();
        admin.updatedAt = admin.createdAt;
        users.persist(admin);
        LOG.infof("Created the first administrator '%s' (%s password)", ADMIN_USERNAME,
                generated != null ? "generated" : "WARD_ADMIN_PASSWORD");
        return generated;
    }

    private static void saveOwnerOnly(Path file, String password) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("Could not save the generated admin password to %s: %s", file, e.getMessage());
        }
    }
}
