package io.ward.attack.classify;

import io.ward.http.problems.BatchCheck;
import io.ward.http.problems.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.List;

/**
 * Checks a batch of audits before any is classified; every error names the audit's index and the field. The limits and
 * wordings are event-service's and the wire schema's (wire-schema/audit-batch.schema.json); unlike event-service it
 * takes partial audits (an id and a process, network or dns part), so only the fields present are checked.
 */
@ApplicationScoped
public class AuditBatchValidator {

    /** Largest batch, the same as event-service's ingestion batch (the schema's maxItems). */
    public static final int MAX_BATCH = 1000;

    private final Validator validator;

    public AuditBatchValidator(Validator validator) {
        this.validator = validator;
    }

    public void check(List<Audit> audits) {
        BatchCheck.check(audits, MAX_BATCH, "audit", "the batch was not classified", this::check);
    }

    private void check(String at, Audit audit, List<FieldError> errors) {
        BatchCheck.addViolations(at, validator.validate(audit), errors);
        if (audit.process() == null && audit.network() == null && audit.dns() == null) {
            errors.add(new FieldError(at, "needs a process, network or dns part"));
        }
        if (audit.process() != null && blank(audit.process().path()) && blank(audit.process().command())) {
            errors.add(new FieldError(at + ".process", "needs a path or a command"));
        }
        if ("network".equals(audit.type()) && audit.network() == null) {
            errors.add(new FieldError(at + ".network", "is required for a network audit"));
        }
        if ("dns".equals(audit.type()) && audit.dns() == null) {
            errors.add(new FieldError(at + ".dns", "is required for a dns audit"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
