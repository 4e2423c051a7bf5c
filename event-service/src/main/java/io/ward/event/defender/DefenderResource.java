package io.ward.event.defender;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ward.event.config.EventConfig;
import io.ward.event.rest.CallerScope;
import io.ward.http.problems.FieldError;
import io.ward.http.problems.ProblemException;
import io.ward.http.problems.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The defender registry: heartbeats in, the console's Manage → Defenders list out. */
@Path("/api/v1/defenders")
@Tag(name = "Defenders")
@SecurityRequirement(name = "jwt")
public class DefenderResource {

    private static final String EXAMPLE_HEARTBEAT = """
            {"instanceId":"webadmin-aci:fee8ca99-bbe5-4c1e-9a0e-0d1c2b3a4f5e","appId":"webadmin-aci","version":"0.1.0",
             "hostname":"SandboxHost-638","startedAt":"2026-11-28T12:00:00Z","policyRevision":17,"failOpen":false,
             "intervalSeconds":30,"counters":{"auditsSent":5,"auditsSpooled":0,"auditsDropped":0,"execsSeen":42,
             "allowed":37,"alerted":5,"prevented":0}}""";

    private final DefenderService defenders;
    private final EventConfig config;
    private final JsonWebToken jwt;

    public DefenderResource(DefenderService defenders, EventConfig config, JsonWebToken jwt) {
        this.defenders = defenders;
        this.config = config;
        this.jwt = jwt;
    }

    @POST
    @Path("/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.DEFENDER})
    @Operation(summary = "Record a defender heartbeat",
            description = "A defender token may only report for its own appId. Without intervalSeconds the "
                    + "default interval (30 s) is assumed; three missed intervals make the defender disconnected.")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "A field is invalid", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "negative counter",
            value = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"the request is invalid\","
                    + "\"errors\":[{\"field\":\"counters.execsSeen\",\"message\":\"must be greater than or equal to 0\"}]}")))
    @APIResponse(responseCode = "403", description = "The defender reported for another app id")
    @APIResponse(responseCode = "409", description = "The instance id is registered under another app id")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "heartbeat", value = EXAMPLE_HEARTBEAT)))
    public void heartbeat(@NotNull @Valid Heartbeat beat)
            throws SQLException, JsonProcessingException {
        CallerScope.requireAppId(jwt, beat.appId(), "appId");
        int interval = beat.intervalSeconds() != null ? beat.intervalSeconds()
                : (int) Math.max(1, config.defenders().defaultInterval().toSeconds());
        if (!defenders.record(beat, interval)) {
            throw ProblemException.conflict("instance " + beat.instanceId()
                    + " is registered under another app id", List.of(new FieldError("instanceId",
                    "belongs to another app id")));
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "List defenders, most recently seen first",
            description = "Disconnected defenders stay listed; filter them with status.")
    @APIResponse(responseCode = "200", description = "The defenders", content = @Content(examples = @ExampleObject(
            name = "one defender", value = "[{\"instanceId\":\"webadmin-aci:fee8ca99\",\"appId\":\"webadmin-aci\","
            + "\"version\":\"0.1.0\",\"hostname\":\"SandboxHost-638\",\"status\":\"connected\","
            + "\"lastSeen\":\"2026-11-28T12:30:00Z\",\"firstSeen\":\"2026-11-28T12:00:01Z\","
            + "\"startedAt\":\"2026-11-28T12:00:00Z\",\"policyRevision\":17,\"failOpen\":false,\"intervalSeconds\":30,"
            + "\"counters\":{\"auditsSent\":5,\"execsSeen\":42}}]")))
    public List<Defender> list(
            @QueryParam("status") @Parameter(description = "connected or disconnected") String status,
            @QueryParam("appId") @Parameter(description = "Only defenders of this app id") String appId)
            throws SQLException, JsonProcessingException {
        if (status != null && !Defender.CONNECTED.equals(status) && !Defender.DISCONNECTED.equals(status)) {
            throw ProblemException.badRequest("status", "must be connected or disconnected");
        }
        return defenders.list(status, appId == null || appId.isBlank() ? null : appId);
    }
}
