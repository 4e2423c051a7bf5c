package io.ward.event.rest;

import io.ward.http.problems.FieldError;
import io.ward.http.problems.ProblemException;
import io.ward.http.problems.Roles;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What a caller may act for: a defender token is bound to the one app id in its {@code appId} claim. */
public final class CallerScope {

    private CallerScope() {
    }

    /** The app id the caller is restricted to, or empty when the caller is not a defender (admin). */
    public static Optional<String> restrictedAppId(JsonWebToken jwt) {
        if (jwt.getGroups().contains(Roles.ADMIN) || !jwt.getGroups().contains(Roles.DEFENDER)) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim("appId");
        String appId = claim instanceof jakarta.json.JsonString json ? json.getString()
                : claim == null ? null : claim.toString();
        if (appId == null || appId.isBlank()) {
            throw ProblemException.forbidden("the defender token carries no appId");
        }
        return Optional.of(appId);
    }

    /** Refuses (403) when a defender writes for an app id other than its own. */
    public static void requireAppId(JsonWebToken jwt, String appId, String field) {
        restrictedAppId(jwt).ifPresent(own -> {
            if (!own.equals(appId)) {
                throw ProblemException.forbidden(field + " is '" + appId
                        + "' but this defender token may only write for app '" + own + "'",
                        java.util.List.of(new FieldError(field, "must be this defender's own app id")));
            }
        });
    }
}
