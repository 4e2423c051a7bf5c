package io.ward.event.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.event.rest.CallerScope;
import io.ward.http.problems.Problem;
import io.ward.http.problems.ProblemException;
import io.ward.http.problems.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** App-Embedded audits: ingestion from defenders, and the console's list, count and CSV export. */
@Path("/api/v1/audits/app-embedded")
@Tag(name = "Audits")
@SecurityRequirement(name = "jwt")
public class AuditResource {

    static final String EXAMPLE_AUDIT = """
            {"id":"0b6c1f3e-6f1d-4a43-9a53-2f1f6f0f9a10","time":"2026-11-28T12:14:03.123456Z","appId":"webadmin-aci",
             "instanceId":"webadmin-aci:fee8ca99-bbe5-4c1e-9a0e-0d1c2b3a4f5e","type":"processes","effect":"alert",
             "reason":"not-allowed","ruleName":"Org App-Embedded Runtime Protection Policy","ruleRevision":17,
             "message":"/bin/dash launched and is not allowed by rule Org App-Embedded Runtime Protection Policy. Full command: /bin/sh -c ls",
             "process":{"path":"/bin/dash","command":"/bin/sh -c ls","pid":4711,"ppid":12,
                        "parentPath":"/usr/local/bin/python3.9","user":"antitree","uid":999},
             "network":null,"dns":null}""";

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final AuditBatchValidator validator;
    private final AuditIngestService ingest;
    private final AuditQueryService queries;
    private final ObjectMapper mapper;
    private final JsonWebToken jwt;

    public AuditResource(AuditBatchValidator validator, AuditIngestService ingest, AuditQueryService queries,
                         ObjectMapper mapper, JsonWebToken jwt) {
        this.validator = validator;
        this.ingest = ingest;
        this.queries = queries;
        this.mapper = mapper;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.DEFENDER})
    @Operation(summary = "Store a batch of audits",
            description = "Up to 1,000 audits. All are validated first; one bad audit rejects the whole batch. "
                    + "Idempotent on id: replayed audits are counted as duplicates and stored once. A defender token "
                    + "may only write audits of its own appId.")
    @APIResponse(responseCode = "200", description = "Batch stored", content = @Content(
            schema = @Schema(implementation = IngestResult.class),
            examples = @ExampleObject(name = "stored", value = "{\"accepted\":1,\"duplicates\":0}")))
    @APIResponse(responseCode = "400", description = "An audit is invalid; nothing was stored", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "bad pid", value = "{\"type\":\"about:blank\",\"title\":\"Bad Request\","
                    + "\"status\":400,\"detail\":\"the batch was not stored: [3].process.pid must be greater than 0\","
                    + "\"errors\":[{\"field\":\"[3].process.pid\",\"message\":\"must be greater than 0\"}]}")))
    @APIResponse(responseCode = "403", description = "A defender wrote for another app id")
    @APIResponse(responseCode = "413", description = "More than 1,000 audits in the batch")
    @RequestBody(required = true, description = "JSON array of audits", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "the seed's attack",
            value = "[" + EXAMPLE_AUDIT + "]")))
    public IngestResult post(List<Audit> batch)
            throws SQLException, JsonProcessingException {
        validator.validate(batch, Instant.now());
        for (int i = 0; i < batch.size(); i++) {
            CallerScope.requireAppId(jwt, batch.get(i).appId(), "[" + i + "].appId");
        }
        return ingest.store(batch);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "List audits newest first, or export them as CSV",
            description = "Filters combine with AND. Pass nextCursor from a page as cursor to get the next one; "
                    + "pages stay correct while audits keep arriving. With Accept: text/csv every matching audit is "
                    + "streamed from the database as CSV (cursor and limit do not apply).")
    @APIResponse(responseCode = "200", description = "One page, or the CSV export", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class),
                    examples = @ExampleObject(name = "page", value = "{\"items\":[" + EXAMPLE_AUDIT + "],\"nextCursor\":null}")),
            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = AuditCsv.HEADER))})
    @APIResponse(responseCode = "400", description = "A parameter is invalid")
    public Response list(@BeanParam AuditQuery query,
                         @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
                         @QueryParam("limit") @Parameter(description = "Page size, 1 to 500 (default 50)") Integer limit,
                         @Context HttpHeaders headers) throws SQLException {
        AuditFilter filter = query.toFilter();
        if (wantsCsv(headers)) {
            return Response.ok(csv(filter), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"audits.csv\"").build();
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_PAGE);
        }
        AuditCursor after = cursor == null || cursor.isBlank() ? null : AuditCursor.decode(cursor);
        return Response.ok(queries.page(filter, after, size), MediaType.APPLICATION_JSON).build();
    }

    /** CSV only when asked for ahead of JSON; a wildcard Accept gets JSON. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return true;
            }
        }
        return false;
    }

    private StreamingOutput csv(AuditFilter filter) {
        return output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            AuditCsv csv = new AuditCsv(writer, mapper);
            csv.header();
            try {
                queries.stream(filter, csv::row);
            } catch (SQLException e) {
                throw new java.io.IOException("reading audits for the export failed", e);
            }
            writer.flush();
        };
    }

    @GET
    @Path("/count")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Count audits matching the filters")
    @APIResponse(responseCode = "200", description = "The count", content = @Content(
            examples = @ExampleObject(name = "count", value = "{\"count\":5}")))
    public Map<String, Long> count(@BeanParam AuditQuery query) throws SQLException {
        return Map.of("count", queries.count(query.toFilter()));
    }
}
