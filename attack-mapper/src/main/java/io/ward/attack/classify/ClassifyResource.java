package io.ward.attack.classify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ward.http.problems.Problem;
import io.ward.http.problems.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/attack/classify}: maps a batch of audits to MITRE ATT&CK tactics and techniques. */
@Path("/api/v1/attack/classify")
@Tag(name = "ATT&CK")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class ClassifyResource {

    static final String EXAMPLE_REQUEST = """
            [{"id":"0b6c1f3e-6f1d-4a43-9a53-2f1f6f0f9a10","type":"processes","reason":"not-allowed",
              "process":{"path":"/bin/dash","command":"/bin/sh -c ls","parentPath":"/usr/local/bin/python3.9"}},
             {"id":"5d0f0c4e-1c7a-4c55-8f7e-3b6a1b2f9e11","type":"network","reason":"outbound",
              "process":{"path":"/usr/bin/nc.openbsd","command":"nc 203.0.113.9 4444"},
              "network":{"direction":"outbound","protocol":"tcp","ip":"203.0.113.9","port":4444}}]""";
    static final String EXAMPLE_RESPONSE = """
            [{"id":"0b6c1f3e-6f1d-4a43-9a53-2f1f6f0f9a10","attack":[
               {"tactic":"execution","techniqueId":"T1059.004","techniqueName":"Command and Scripting Interpreter: Unix Shell"},
               {"tactic":"discovery","techniqueId":"T1083","techniqueName":"File and Directory Discovery"}]},
             {"id":"5d0f0c4e-1c7a-4c55-8f7e-3b6a1b2f9e11","attack":[
               {"tactic":"command-and-control","techniqueId":"T1571","techniqueName":"Non-Standard Port"}]}]""";

    private final Classifier classifier;
    private final AuditBatchValidator validator;
    private final Counter mapped;
    private final Counter unmapped;

    public ClassifyResource(Classifier classifier, AuditBatchValidator validator, MeterRegistry registry) {
        this.classifier = classifier;
        this.validator = validator;
        this.mapped = Counter.builder("ward.attack.audits.classified").tag("outcome", "mapped")
                .description("Audits classified with at least one technique").register(registry);
        this.unmapped = Counter.builder("ward.attack.audits.classified").tag("outcome", "unmapped")
                .description("Audits no rule recognised").register(registry);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify audits into ATT&CK techniques",
            description = "Takes up to 1,000 audits (the contract's shape, or just their process/network/dns parts) and "
                    + "returns, in the same order, each audit's id with its techniques, primary first. Input no rule "
                    + "recognises gets an empty list.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = Audit.class),
            examples = @ExampleObject(name = "seed attack and a netcat connection", value = EXAMPLE_REQUEST)))
    @APIResponse(responseCode = "200", description = "One result per audit, in request order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ClassifyResult.class),
                    examples = @ExampleObject(name = "classified", value = EXAMPLE_RESPONSE)))
    @APIResponse(responseCode = "400", description = "An audit is invalid; errors name its index and field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token's role may not classify (defender tokens)")
    @APIResponse(responseCode = "413", description = "More than 1,000 audits")
    public List<ClassifyResult> classify(List<Audit> audits) {
        validator.check(audits);
        List<ClassifyResult> results = new ArrayList<>(audits.size());
        for (Audit audit : audits) {
            ClassifyResult result = new ClassifyResult(audit.id(), classifier.classify(audit).attack());
            (result.attack().isEmpty() ? unmapped : mapped).increment();
            results.add(result);
        }
        return results;
    }
}
