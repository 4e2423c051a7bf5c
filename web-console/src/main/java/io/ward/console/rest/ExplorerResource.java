package io.ward.console.rest;

import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.EventServiceApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/** The ATT&CK explorer: tactics as columns, techniques with their counts, each a link to its audits. */
@Path("/attack")
public class ExplorerResource {

    private final EventServiceApi events;

    public ExplorerResource(@RestClient EventServiceApi events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance explorer(@RestQuery String appId) {
        Map<String, String> query = new LinkedHashMap<>();
        if (appId != null && !appId.isBlank()) {
            query.put("appId", appId.trim());
        }
        return Templates.explorer(events.explorer(query), appId == null ? "" : appId.trim());
    }
}
