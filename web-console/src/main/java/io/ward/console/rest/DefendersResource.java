package io.ward.console.rest;

import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.EventServiceApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Manage → Defenders: status, version, rule revision, counters, last seen. */
@Path("/defenders")
public class DefendersResource {

    private final EventServiceApi events;

    public DefendersResource(@RestClient EventServiceApi events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance defenders() {
        return Templates.defenders(events.defenders());
    }
}
