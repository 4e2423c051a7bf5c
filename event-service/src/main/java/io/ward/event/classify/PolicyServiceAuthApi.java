package io.ward.event.classify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** policy-service's token endpoint, used to exchange event-service's access key for a short-lived JWT. */
@Path("/api/v1/auth")
@RegisterRestClient(configKey = "policy-service")
interface PolicyServiceAuthApi {

    @POST
    @Path("/token")
    IssuedToken token(AccessKeyLogin login);

    /** Request body of an access-key exchange. */
    @RegisterForReflection
    record AccessKeyLogin(String accessKeyId, String secret) {
    }

    /** Reply of policy-service: the JWT and when it expires. */
    @RegisterForReflection
    record IssuedToken(String token, Instant expiresAt) {
    }
}
