package io.ward.console.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.console.session.CurrentSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * event-service's CSV export, streamed: the export has no size limit (every matching audit), and the rest client
 * would hold a whole body in memory, so this one call goes through the JDK client and is passed on as it arrives.
 */
@ApplicationScoped
public class AuditCsvExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String eventService;
    private final CurrentSession current;

    public AuditCsvExport(@ConfigProperty(name = "quarkus.rest-client.event-service.url") String eventService,
                          CurrentSession current) {
        this.eventService = eventService;
        this.current = current;
    }

    /** The CSV body of the matching audits; the caller closes it. */
    public InputStream open(Map<String, String> filters) {
        StringJoiner query = new StringJoiner("&");
        filters.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(eventService + "/api/v1/audits/app-embedded?" + query))
                .header("Accept", "text/csv")
                .header("Authorization", "Bearer " + current.get().token())
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    throw new ApiException(response.statusCode(), JSON.readTree(body));
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("event-service's CSV export failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
