package io.ward.console.client;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
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
