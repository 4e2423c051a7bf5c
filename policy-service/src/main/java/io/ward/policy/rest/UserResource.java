package io.ward.policy.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.ward.http.problems.Problem;
import io.ward.http.problems.Roles;
import io.ward.policy.rest.model.UserCreateRequest;
import io.ward.policy.rest.model.UserUpdateRequest;
import io.ward.policy.rest.model.UserView;
import io.ward.policy.service.UserService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Admin-only management of console users. */
@Path("/api/v1/auth/users")
@Tag(name = "Users", description = "Console users and their roles (admin only)")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final String USER_EXAMPLE = "{\"username\":\"alice\",\"role\":\"operator\","
            + "\"createdAt\":\"2026-11-28T12:00:00Z\",\"updatedAt\":\"2026-11-28T12:00:00Z\"}";

    private final UserService users;
    private final SecurityIdentity identity;

    public UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List users by name")
    @APIResponse(responseCode = "200", description = "All users",
            content = @Content(examples = @ExampleObject(name = "users", value = "[" + USER_EXAMPLE + "]")))
    public List<UserView> list() {
        return users.list();
    }

    @POST
    @Operation(summary = "Create a user")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "user",
            value = "{\"username\":\"alice\",\"password\":\"a long passphrase\",\"role\":\"operator\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            schema = @Schema(implementation = UserView.class), examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Username taken", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid UserCreateRequest body) {
        UserView created = users.create(body, identity.getPrincipal().getName());
        return Response.created(UriBuilder.fromResource(UserResource.class).path(created.username()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{username}")
    @Operation(summary = "Get one user")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(
            schema = @Schema(implementation = UserView.class), examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public UserView get(@PathParam("username") String username) {
        return users.get(username);
    }

    @PUT
    @Path("/{username}")
    @Operation(summary = "Change a user's password and/or role")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "role", value = "{\"role\":\"auditor\"}")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(
            schema = @Schema(implementation = UserView.class), examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Would leave no admin", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public UserView update(@PathParam("username") String username, @NotNull @Valid UserUpdateRequest body) {
        return users.update(username, body, identity.getPrincipal().getName());
    }

    @DELETE
    @Path("/{username}")
    @Operation(summary = "Delete a user")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Would leave no admin", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("username") String username) {
        users.delete(username, identity.getPrincipal().getName());
    }
}
