package io.ward.policy.rest;

import io.vertx.core.http.HttpServerRequest;
import io.ward.http.problems.Problem;
import io.ward.policy.auth.ClientAddresses;
import io.ward.policy.auth.SigningKeys;
import io.ward.policy.auth.TokenIssuer.IssuedToken;
import io.ward.policy.rest.model.TokenRequest;
import io.ward.policy.rest.model.TokenResponse;
import io.ward.policy.service.AuthService;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Token issuing and the public keys verifiers use. */
@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Tokens and signing keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AuthService auth;
    private final SigningKeys keys;
    private final ClientAddresses clients;

    public AuthResource(AuthService auth, SigningKeys keys, ClientAddresses clients) {
        this.auth = auth;
        this.keys = keys;
        this.clients = clients;
    }

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "Exchange a password, an access key or a defender install token for an RS256 JWT")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "password", value = "{\"username\":\"admin\",\"password\":\"correct horse battery\"}"),
            @ExampleObject(name = "access key", value = "{\"accessKeyId\":\"wak_3f2a9c1b7d4e5f60\",\"secret\":\"9b1f…\"}"),
            @ExampleObject(name = "install token", value = "{\"installToken\":\"wdt_0a1b2c3d4e5f6071_5e8f…\"}")}))
    @APIResponse(responseCode = "200", description = "Token issued (1 h for people and keys, 45 s for defenders)",
            content = @Content(schema = @Schema(implementation = TokenResponse.class), examples = @ExampleObject(
                    name = "token", value = "{\"token\":\"eyJraWQiOi…\",\"expiresAt\":\"2026-11-28T13:14:03Z\"}")))
    @APIResponse(responseCode = "400", description = "Not exactly one kind of credential",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Wrong credentials",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failed logins from this client (for this account or credential)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public TokenResponse token(@NotNull @Valid TokenRequest body, @Context HttpServerRequest http) {
        String client = clients.client(http.remoteAddress().hostAddress(), http.headers().getAll("X-Forwarded-For"));
        IssuedToken issued = auth.exchange(body, client);
        return new TokenResponse(issued.token(), issued.expiresAt());
    }

    @GET
    @Path("/jwks")
    @PermitAll
    @Operation(summary = "The JSON Web Key Set (public keys) that verifies Ward tokens")
    @APIResponse(responseCode = "200", description = "Public signing keys", content = @Content(examples = @ExampleObject(
            name = "jwks", value = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"5f1c2e9a0b7d3c48\",\"use\":\"sig\",\"alg\":\"RS256\","
            + "\"n\":\"0vx7ago…\",\"e\":\"AQAB\"}]}")))
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
