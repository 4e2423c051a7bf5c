package io.ward.policy.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.ward.http.problems.Problem;
import io.ward.http.problems.Roles;
import io.ward.policy.rest.model.AccessKeyCreateRequest;
import io.ward.policy.rest.model.AccessKeyCreated;
import io.ward.policy.rest.model.AccessKeyView;
import io.ward.policy.service.AccessKeyService;
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

/** Admin-only management of access keys for automation. */
@Path("/api/v1/auth/access-keys")
@Tag(name = "Access keys", description = "Id + secret credentials for pipelines and services (admin only)")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessKeyResource {

    private final AccessKeyService keys;
    private final SecurityIdentity identity;

    public AccessKeyResource(AccessKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List access keys (without secrets)")
    @APIResponse(responseCode = "200", description = "All access keys", content = @Content(examples = @ExampleObject(
            name = "keys", value = "[{\"id\":\"wak_3f2a9c1b7d4e5f60\",\"role\":\"auditor\",\"description\":\"event-service\","
            + "\"createdBy\":\"admin\",\"createdAt\":\"2026-11-28T12:00:00Z\"}]")))
    public List<AccessKeyView> list() {
        return keys.list();
    }

    @POST
    @Operation(summary = "Create an access key; the secret is shown only in this response")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "key",
            value = "{\"role\":\"auditor\",\"description\":\"event-service\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            schema = @Schema(implementation = AccessKeyCreated.class), examples = @ExampleObject(name = "key",
            value = "{\"id\":\"wak_3f2a9c1b7d4e5f60\",\"secret\":\"9b1f…\",\"role\":\"auditor\",\"description\":\"event-service\","
                    + "\"createdBy\":\"admin\",\"createdAt\":\"2026-11-28T12:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid AccessKeyCreateRequest body) {
        AccessKeyCreated created = keys.create(body, identity.getPrincipal().getName());
        return Response.created(UriBuilder.fromResource(AccessKeyResource.class).path(created.id()).build())
                .entity(created).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an access key; exchanges with it fail at once")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such key", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") String id) {
        keys.delete(id, identity.getPrincipal().getName());
    }
}
