package io.ward.event.explorer;

import io.ward.event.audit.AuditQuery;
import io.ward.http.problems.ProblemException;
import io.ward.http.problems.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ATT&CK explorer (Monitor → ATT&CK): classified audits counted per tactic and technique. */
@Path("/api/v1/attack/explorer")
@Tag(name = "ATT&CK explorer")
@SecurityRequirement(name = "jwt")
public class ExplorerResource {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    private final ExplorerService explorer;

    public ExplorerResource(ExplorerService explorer) {
        this.explorer = explorer;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Count audits per ATT&CK tactic and technique",
            description = "Every Enterprise tactic is listed in kill-chain order, with 0 when nothing was seen; "
                    + "techniques are listed most frequent first. Defaults to the last 30 days.")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(examples = @ExampleObject(
            name = "execution", value = "{\"tactics\":[{\"id\":\"execution\",\"name\":\"Execution\",\"count\":5,"
            + "\"techniques\":[{\"id\":\"T1059.004\",\"name\":\"Command and Scripting Interpreter: Unix Shell\","
            + "\"count\":5}]}]}")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid")
    public AttackExplorer explorer(
            @QueryParam("from") @Parameter(description = "Start (ISO-8601, inclusive); default 30 days before to") String from,
            @QueryParam("to") @Parameter(description = "End (ISO-8601, exclusive); default now") String to,
            @QueryParam("appId") @Parameter(description = "Only audits of this app id") String appId) throws SQLException {
        Instant end = AuditQuery.instant("to", to);
        end = end == null ? Instant.now() : end;
        Instant start = AuditQuery.instant("from", from);
        start = start == null ? end.minus(DEFAULT_RANGE) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        return explorer.explore(start, end, appId == null || appId.isBlank() ? null : appId);
    }
}
