package io.ward.policy.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.ward.http.problems.Problem;
import io.ward.http.problems.ProblemException;
import io.ward.http.problems.Roles;
import io.ward.policy.auth.TokenIssuer;
import io.ward.policy.rest.model.AppEmbeddedRule;
import io.ward.policy.rest.model.MoveRequest;
import io.ward.policy.rest.model.Patterns;
import io.ward.policy.rest.model.ResolvedRule;
import io.ward.policy.rest.model.RuleSetView;
import io.ward.policy.service.RuleService;
import io.ward.policy.service.RuleSetCache;
import io.ward.policy.service.RuleSetSnapshot;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Duration;
import java.util.regex.Matcher;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** App-Embedded runtime rules: ordered CRUD for people, and resolve (with ETag and long-poll) for defenders. */
@Path("/api/v1/policies/runtime/app-embedded")
@Tag(name = "Runtime rules", description = "App-Embedded runtime rules, evaluated top-down per app id")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuntimeRuleResource {

    static final String RULE_EXAMPLE = "{\"name\":\"Org App-Embedded Runtime Protection Policy\",\"notes\":\"\","
            + "\"disabled\":false,\"scope\":{\"appIds\":[\"*\"]},"
            + "\"processes\":{\"enabled\":true,\"allowed\":[\"python3\",\"/usr/src/app/app.py\"],\"denied\":[],"
            + "\"effect\":\"alert\",\"cryptoMiners\":true,\"modifiedBinaries\":true},"
            + "\"network\":{\"enabled\":true,\"listeningPorts\":[\"5000\"],\"outboundPorts\":[],\"outboundIps\":[],\"effect\":\"alert\"},"
            + "\"dns\":{\"enabled\":true,\"allowed\":[],\"denied\":[\"*.evil.example\"],\"effect\":\"alert\"}";
    static final String STORED_RULE_EXAMPLE = RULE_EXAMPLE
            + ",\"revision\":17,\"modified\":\"2026-11-28T12:14:03.123456Z\",\"modifiedBy\":\"admin\"}";
    private static final java.util.regex.Pattern WAIT = java.util.regex.Pattern.compile("^(\\d{1,2})s?$");
    private static final int MAX_WAIT_SECONDS = 60;

    private final RuleService rules;
    private final RuleSetCache ruleSets;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public RuntimeRuleResource(RuleService rules, RuleSetCache ruleSets, SecurityIdentity identity, ObjectMapper json) {
        this.rules = rules;
        this.ruleSets = ruleSets;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "List the rules in evaluation order with the rule set's revision")
    @APIResponse(responseCode = "200", description = "All rules; ETag is the rule set revision", content = @Content(
            schema = @Schema(implementation = RuleSetView.class),
            examples = @ExampleObject(name = "rules", value = "{\"revision\":17,\"rules\":[" + STORED_RULE_EXAMPLE + "]}")))
    public Response list() {
        RuleSetSnapshot snapshot = rules.snapshot();
        return Response.ok(new RuleSetView(snapshot.revision(), snapshot.rules()))
                .tag(RevisionTags.tag(snapshot.revision())).build();
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Create a rule at the end of the order")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "rule", value = RULE_EXAMPLE + "}")))
    @APIResponse(responseCode = "201", description = "Created; ETag is the rule's revision", content = @Content(
            schema = @Schema(implementation = AppEmbeddedRule.class), examples = @ExampleObject(name = "rule", value = STORED_RULE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all named", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name taken", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid AppEmbeddedRule body) {
        AppEmbeddedRule created = rules.create(body, actor());
        return Response.created(UriBuilder.fromResource(RuntimeRuleResource.class).path(created.name()).build())
                .tag(RevisionTags.tag(created.revision())).entity(created).build();
    }

    @GET
    @Path("/resolve")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.DEFENDER})
    @Operation(summary = "The rule that applies to an app id (first enabled match), with ETag and optional long-poll")
    @APIResponse(responseCode = "200", description = "The applying rule, or rule null (everything allowed, nothing reported)",
            content = @Content(schema = @Schema(implementation = ResolvedRule.class), examples = {
                    @ExampleObject(name = "match", value = "{\"appId\":\"webadmin-aci\",\"revision\":17,\"rule\":" + STORED_RULE_EXAMPLE + "}"),
                    @ExampleObject(name = "no rule", value = "{\"appId\":\"webadmin-aci\",\"revision\":17,\"rule\":null}")}))
    @APIResponse(responseCode = "304", description = "Revision unchanged (immediately, or when the wait ends)")
    @APIResponse(responseCode = "400", description = "Bad appId or wait", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A defender asked for another app id", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Uni<Response> resolve(
            @Parameter(description = "App id to resolve", example = "webadmin-aci")
            @QueryParam("appId") @NotNull @Pattern(regexp = Patterns.APP_ID, message = Patterns.APP_ID_MESSAGE) String appId,
            @Parameter(description = "Long-poll up to this long for a change when If-None-Match is current (max 60s)", example = "30s")
            @QueryParam("wait") String wait,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        refuseOtherAppForDefender(appId);
        Duration waitFor = parseWait(wait);
        Long known = RevisionTags.parse(ifNoneMatch, HttpHeaders.IF_NONE_MATCH);
        RuleSetSnapshot now = ruleSets.current();
        if (known == null || known != now.revision()) {
            return Uni.createFrom().item(resolved(now, appId, json));
        }
        if (waitFor.isZero()) {
            return Uni.createFrom().item(notModified(known));
        }
        return ruleSets.awaitChange(known, waitFor)
                .map(changed -> changed == null ? notModified(known) : resolved(changed, appId, json));
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Get one rule by (URL-encoded) name")
    @APIResponse(responseCode = "200", description = "The rule; ETag is its revision", content = @Content(
            schema = @Schema(implementation = AppEmbeddedRule.class), examples = @ExampleObject(name = "rule", value = STORED_RULE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("name") String name) {
        AppEmbeddedRule rule = rules.get(name);
        return Response.ok(rule).tag(RevisionTags.tag(rule.revision())).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Replace a rule (may rename it); If-Match or body revision must be the rule's current revision")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "rule", value = RULE_EXAMPLE + "}")))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(
            schema = @Schema(implementation = AppEmbeddedRule.class), examples = @ExampleObject(name = "rule", value = STORED_RULE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid fields, all named", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale revision or name taken; nothing changed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response replace(@PathParam("name") String name, @NotNull @Valid AppEmbeddedRule body,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Long expected = RevisionTags.parse(ifMatch, HttpHeaders.IF_MATCH);
        return withTag(rules.replace(name, body, expected != null ? expected : body.revision(), actor()));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Delete a rule")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale If-Match; nothing changed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        rules.delete(name, RevisionTags.parse(ifMatch, HttpHeaders.IF_MATCH), actor());
    }

    @POST
    @Path("/{name}/move")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Move a rule to a 0-based position in the evaluation order")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "top", value = "{\"position\":0}")))
    @APIResponse(responseCode = "200", description = "Moved", content = @Content(
            schema = @Schema(implementation = AppEmbeddedRule.class), examples = @ExampleObject(name = "rule", value = STORED_RULE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Position out of range", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale If-Match; nothing changed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response move(@PathParam("name") String name, @NotNull @Valid MoveRequest body,
                         @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(rules.move(name, body.position(), RevisionTags.parse(ifMatch, HttpHeaders.IF_MATCH), actor()));
    }

    @POST
    @Path("/{name}/enable")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Enable a rule")
    @APIResponse(responseCode = "200", description = "Enabled", content = @Content(
            schema = @Schema(implementation = AppEmbeddedRule.class), examples = @ExampleObject(name = "rule", value = STORED_RULE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale If-Match; nothing changed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response enable(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(rules.setDisabled(name, false, RevisionTags.parse(ifMatch, HttpHeaders.IF_MATCH), actor()));
    }

    @POST
    @Path("/{name}/disable")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Disable a rule (it is skipped when resolving)")
    @APIResponse(responseCode = "200", description = "Disabled", content = @Content(
            schema = @Schema(implementation = AppEmbeddedRule.class), examples = @ExampleObject(name = "rule", value = STORED_RULE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Stale If-Match; nothing changed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response disable(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(rules.setDisabled(name, true, RevisionTags.parse(ifMatch, HttpHeaders.IF_MATCH), actor()));
    }

    private void refuseOtherAppForDefender(String appId) {
        if (identity.hasRole(Roles.DEFENDER)) {
            Object allowed = ((JsonWebToken) identity.getPrincipal()).getClaim(TokenIssuer.APP_ID_CLAIM);
            if (allowed == null || !appId.equals(allowed.toString())) {
                throw ProblemException.forbidden("This defender token is for another app id.");
            }
        }
    }

    private static Duration parseWait(String wait) {
        if (wait == null || wait.isEmpty()) {
            return Duration.ZERO;
        }
        Matcher m = WAIT.matcher(wait);
        if (!m.matches() || Integer.parseInt(m.group(1)) > MAX_WAIT_SECONDS) {
            throw ProblemException.badRequest("wait", "must be 0-60 seconds, such as 30s");
        }
        return Duration.ofSeconds(Integer.parseInt(m.group(1)));
    }

    private static Response resolved(RuleSetSnapshot snapshot, String appId, ObjectMapper json) {
        return Response.ok(snapshot.resolveJson(appId, json), MediaType.APPLICATION_JSON)
                .tag(RevisionTags.tag(snapshot.revision())).build();
    }

    private static Response notModified(long revision) {
        return Response.notModified(RevisionTags.tag(revision)).build();
    }

    private static Response withTag(AppEmbeddedRule rule) {
        return Response.ok(rule).tag(RevisionTags.tag(rule.revision())).build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
