package io.ward.console.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** event-service's REST API as the console uses it: audits, defenders, the ATT&CK explorer (CSV: {@link AuditCsvExport}). */
@Path("/api/v1")
@RegisterRestClient(configKey = "event-service")
@RegisterProvider(ApiExceptionMapper.class)
@RegisterClientHeaders(SessionHeaders.class)
public interface EventServiceApi {

    @GET
    @Path("/audits/app-embedded")
    AuditPage audits(@RestQuery Map<String, String> filters);

    @GET
    @Path("/defenders")
    List<Defender> defenders();

    @GET
    @Path("/attack/explorer")
    Explorer explorer(@RestQuery Map<String, String> filters);
}
