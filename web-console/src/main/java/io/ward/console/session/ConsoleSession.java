package io.ward.console.session;

import io.quarkus.qute.TemplateData;
import io.ward.http.problems.Roles;
import java.time.Instant;

/**
 * One signed-in browser: the policy-service token it acts with (never sent to the browser), who it is and its role.
 * The role only decides which controls the pages show; the services decide what the token may do.
 */
@TemplateData
public record ConsoleSession(String id, String username, String role, String token, Instant expiresAt) {

    /** Admins and operators edit rules; auditors only read. */
    public boolean canEdit() {
        return Roles.ADMIN.equals(role) || Roles.OPERATOR.equals(role);
    }

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role);
    }
}
