package io.ward.console.rest;

import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.ApiException;
import io.ward.console.client.AuditCsvExport;
import io.ward.console.client.AuditPage;
import io.ward.console.client.EventServiceApi;
import io.ward.console.config.ConsoleConfig;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Monitor → Events → App-Embedded audits: filters, the table with a detail panel per audit, CSV, live follow. */
@Path("/")
public class AuditsResource {

    private static final int PAGE_SIZE = 50;

    private final EventServiceApi events;
    private final AuditCsvExport csvExport;
    private final ConsoleConfig config;

    public AuditsResource(@RestClient EventServiceApi events, AuditCsvExport csvExport, ConsoleConfig config) {
        this.events = events;
        this.csvExport = csvExport;
        this.config = config;
    }

    @GET
    public Response home() {
        return Redirect.to("/audits").build();
    }

    @GET
    @Path("audits")
    @Produces(MediaType.TEXT_HTML)
    public Response audits(@BeanParam AuditFilters filters) {
        try {
            AuditPage page = events.audits(page(filters));
            return Response.ok(Templates.audits(filters, page, Map.of(), config.followInterval())).build();
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            Map<String, String> errors = e.fieldErrors().isEmpty() ? Map.of("q", e.detail()) : e.fieldErrors();
            return Response.status(400).entity(Templates.audits(filters, new AuditPage(List.of(), null), errors,
                    config.followInterval())).build();
        }
    }

    /** The newest page's rows, which htmx swaps in every few seconds while Follow is on. */
    @GET
    @Path("audits/rows")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance rows(@BeanParam AuditFilters filters) {
        filters.cursor = null;
        return Templates.audits$rows(filters, events.audits(page(filters)), config.followInterval());
    }

    @GET
    @Path("audits.csv")
    @Produces("text/csv")
    public Response csv(@BeanParam AuditFilters filters) {
        InputStream csv = csvExport.open(filters.serviceQuery());
        StreamingOutput body = out -> {
            try (csv) {
                csv.transferTo(out);
            }
        };
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"ward-audits.csv\"").build();
    }

    private static Map<String, String> page(AuditFilters filters) {
        Map<String, String> query = new LinkedHashMap<>(filters.serviceQuery());
        query.put("limit", Integer.toString(PAGE_SIZE));
        if (filters.cursor != null && !filters.cursor.isBlank()) {
            query.put("cursor", filters.cursor);
        }
        return query;
    }
}
