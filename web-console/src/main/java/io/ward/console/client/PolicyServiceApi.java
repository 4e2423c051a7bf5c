package io.ward.console.client;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** policy-service's REST API as the console uses it (the wire contract; no code shared with the service). */
@Path("/api/v1")
@RegisterRestClient(configKey = "policy-service")
@RegisterProvider(ApiExceptionMapper.class)
@RegisterClientHeaders(SessionHeaders.class)
public interface PolicyServiceApi {

    @POST
    @Path("/auth/token")
    IssuedToken token(PasswordLogin login);

    @GET
    @Path("/policies/runtime/app-embedded")
    RuleSet rules();

    @GET
    @Path("/policies/runtime/app-embedded/{name}")
    Rule rule(@PathParam("name") String name);

    @POST
    @Path("/policies/runtime/app-embedded")
    Rule create(Rule rule);

    @PUT
    @Path("/policies/runtime/app-embedded/{name}")
    Rule replace(@PathParam("name") String name, Rule rule);

    @POST
    @Path("/policies/runtime/app-embedded/{name}/move")
    Rule move(@PathParam("name") String name, Move move);

    @GET
    @Path("/auth/users")
    List<User> users();

    @POST
    @Path("/auth/users")
    User createUser(NewUser user);

    @DELETE
    @Path("/auth/users/{username}")
    void deleteUser(@PathParam("username") String username);

    @GET
    @Path("/defenders/install-tokens")
    List<InstallToken> installTokens();

    @POST
    @Path("/defenders/install-tokens")
    InstallToken mintInstallToken(NewInstallToken request);

    @DELETE
    @Path("/defenders/install-tokens/{id}")
    void revokeInstallToken(@PathParam("id") String id);

    /** Body of a new user. */
    @RegisterForReflection
    record NewUser(String username, String password, String role) {
    }

    /** Body of an install token request. */
    @RegisterForReflection
    record NewInstallToken(String appId) {
    }

    /** Body of a password exchange. */
    @RegisterForReflection
    record PasswordLogin(String username, String password) {
    }

    /** A JWT and when it expires. */
    @RegisterForReflection
    record IssuedToken(String token, Instant expiresAt) {
    }

    /** Body of a move: the rule's new position in the order. */
    @RegisterForReflection
    record Move(int position) {
    }
}
