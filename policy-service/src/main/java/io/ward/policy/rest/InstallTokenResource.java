package io.ward.policy.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.ward.http.problems.Problem;
import io.ward.http.problems.Roles;
import io.ward.policy.rest.model.InstallTokenCreated;
import io.ward.policy.rest.model.InstallTokenRequest;
import io.ward.policy.rest.model.InstallTokenView;
import io.ward.policy.service.InstallTokenService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Defender install tokens: minted per app id, listed without secrets, revoked by id. */
@Path("/api/v1/defenders/install-tokens")
@Tag(name = "Install tokens", description = "Defender credentials scoped to one app id")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstallTokenResource {

    private final InstallTokenService tokens;
    private final SecurityIdentity identity;

    public InstallTokenResource(InstallTokenService tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "List install tokens (without secrets)")
    @APIResponse(responseCode = "200", description = "All install tokens", content = @Content(examples = @ExampleObject(
            name = "tokens", value = "[{\"id\":\"0a1b2c3d4e5f6071\",\"appId\":\"webadmin-aci\",\"createdBy\":\"admin\","
            + "\"createdAt\":\"2026-11-28T12:00:00Z\"}]")))
    public List<InstallTokenView> list() {
        return tokens.list();
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Mint an install token for one app id; the token is shown only in this response")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "app", value = "{\"appId\":\"webadmin-aci\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            schema = @Schema(implementation = InstallTokenCreated.class), examples = @ExampleObject(name = "token",
            value = "{\"id\":\"0a1b2c3d4e5f6071\",\"appId\":\"webadmin-aci\",\"token\":\"wdt_0a1b2c3d4e5f6071_5e8f…\","
                    + "\"createdAt\":\"2026-11-28T12:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "Invalid app id", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid InstallTokenRequest body) {
        InstallTokenCreated created = tokens.create(body.appId(), identity.getPrincipal().getName());
        return Response.created(UriBuilder.fromResource(InstallTokenResource.class).path(created.id()).build())
                .entity(created).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Revoke an install token; exchanges fail at once, issued defender tokens expire within 60 s")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such token", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public void revoke(@PathParam("id") String id) {
        tokens.revoke(id, identity.getPrincipal().getName());
    }
}
