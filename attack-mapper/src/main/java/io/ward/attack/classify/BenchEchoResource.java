package io.ward.attack.classify;

import io.ward.attack.config.AttackMapperConfig;
import io.ward.http.problems.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's baseline: the same request, auth, JSON and validation path as classify, without the rules, so
 * bench/attack can print what classification itself costs. Off unless {@code ward.attack.bench-echo=true}.
 */
@Path("/api/v1/attack/bench/echo")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class BenchEchoResource {

    private final AttackMapperConfig config;
    private final AuditBatchValidator validator;

    public BenchEchoResource(AttackMapperConfig config, AuditBatchValidator validator) {
        this.config = config;
        this.validator = validator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public List<ClassifyResult> echo(List<Audit> audits) {
        if (!config.benchEcho()) {
            throw new NotFoundException();
        }
        validator.check(audits);
        return audits.stream().map(audit -> new ClassifyResult(audit.id(), List.of())).toList();
    }
}
