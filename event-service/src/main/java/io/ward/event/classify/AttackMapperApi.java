package io.ward.event.classify;

import io.ward.event.audit.Audit;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** attack-mapper's classification endpoint, as its OpenAPI document describes it. */
@Path("/api/v1/attack")
@RegisterRestClient(configKey = "attack-mapper")
interface AttackMapperApi {

    @POST
    @Path("/classify")
    List<Classification> classify(@HeaderParam("Authorization") String authorization, List<Audit> audits);
}
