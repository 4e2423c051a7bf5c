package io.ward.attack.catalog;

import io.ward.attack.classify.Classifier;
import io.ward.http.problems.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/attack/catalog}: the tactics and techniques audits are classified into. */
@Path("/api/v1/attack/catalog")
@Tag(name = "ATT&CK")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class CatalogResource {

    private final CatalogView view;

    public CatalogResource(AttackCatalog catalog, Classifier classifier) {
        this.view = CatalogView.of(catalog, classifier.rules().version());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List ATT&CK tactics and techniques",
            description = "Every Enterprise ATT&CK tactic in matrix order with the techniques relevant to Linux "
                    + "containers (real MITRE ids and names, sub-techniques included).")
    @APIResponse(responseCode = "200", description = "The catalog", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogView.class),
            examples = @ExampleObject(name = "catalog (shortened)", value = """
                    {"attackVersion":"18","rulesVersion":"2026.12.04-1","techniqueCount":203,"tactics":[
                      {"id":"execution","name":"Execution","techniques":[
                        {"id":"T1059","name":"Command and Scripting Interpreter"},
                        {"id":"T1059.004","name":"Command and Scripting Interpreter: Unix Shell"}]}]}""")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token's role may not read the catalog (defender tokens)")
    public CatalogView catalog() {
        return view;
    }
}
