package io.ward.attack.classify;

import io.ward.http.problems.FieldError;
import io.ward.http.problems.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** More errors than this are not worth listing; the first ones tell the sender what is wrong. */
    private static final int MAX_REPORTED_ERRORS = 50;

    @Inject
    Validator validator;

    public void check(List<Audit> audits) {
        if (audits == null) {
            throw ProblemException.badRequest("body", "must be a JSON array of audits");
        }
        if (audits.size() > MAX_BATCH) {
            throw new ProblemException(413, "Payload Too Large",
                    "a batch holds at most " + MAX_BATCH + " audits; this one has " + audits.size() + ": split it",
                    List.of(new FieldError("body", "must hold at most " + MAX_BATCH + " audits")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < audits.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            errors.addAll(check("[" + i + "]", audits.get(i)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS)));
        }
    }

    private List<FieldError> check(String at, Audit audit) {
        List<FieldError> errors = new ArrayList<>();
        if (audit == null) {
            errors.add(new FieldError(at, "must be an audit object, not null"));
            return errors;
        }
        validator.validate(audit).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Audit> v) -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(new FieldError(at + "." + v.getPropertyPath(), v.getMessage())));
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
        return errors;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
