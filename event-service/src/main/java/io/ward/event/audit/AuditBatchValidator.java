package io.ward.event.audit;

import io.ward.event.config.EventConfig;
import io.ward.event.rest.FieldPaths;
import io.ward.http.problems.FieldError;
import io.ward.http.problems.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks a posted batch as a whole: its size, every field of every audit, and that each time is storable. */
@ApplicationScoped
public class AuditBatchValidator {

    /** More errors than this are not worth listing; the first ones tell the sender what is wrong. */
    private static final int MAX_ERRORS = 50;

    private final Validator validator;
    private final EventConfig config;

    public AuditBatchValidator(Validator validator, EventConfig config) {
        this.validator = validator;
        this.config = config;
    }

    /** Throws a 413 or 400 problem naming each bad field as {@code [index].field}; returns when all is well. */
    public void validate(List<Audit> batch, Instant now) {
        if (batch == null) {
            throw ProblemException.badRequest("body", "must be a JSON array of audits");
        }
        int max = config.audits().maxBatchSize();
        if (batch.size() > max) {
            throw new ProblemException(413, "Payload Too Large",
                    "a batch holds at most " + max + " audits; this one has " + batch.size() + ": split it",
                    List.of(new FieldError("body", "must hold at most " + max + " audits")));
        }
        Instant latest = now.plus(config.audits().futureTolerance());
        Instant earliest = now.minus(Duration.ofDays(config.audits().retentionDays()));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size() && errors.size() < MAX_ERRORS; i++) {
            errors.addAll(check(i, batch.get(i), earliest, latest));
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            throw ProblemException.badRequest("the batch was not stored: " + first.field() + " " + first.message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
    }

    private List<FieldError> check(int index, Audit audit, Instant earliest, Instant latest) {
        String prefix = "[" + index + "]";
        if (audit == null) {
            return List.of(new FieldError(prefix, "must be an audit object, not null"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<Audit> v : validator.validate(audit)) {
            errors.add(new FieldError(prefix + "." + FieldPaths.ofViolation(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        if (audit.time() != null && audit.time().isAfter(latest)) {
            errors.add(new FieldError(prefix + ".time", "lies more than " + config.audits().futureTolerance().toHours()
                    + " h in the future; check the defender's clock"));
        }
        if (audit.time() != null && audit.time().isBefore(earliest)) {
            errors.add(new FieldError(prefix + ".time", "is older than the " + config.audits().retentionDays()
                    + "-day retention"));
        }
        if ("network".equals(audit.type()) && audit.network() == null) {
            errors.add(new FieldError(prefix + ".network", "is required when type is network"));
        }
        if ("dns".equals(audit.type()) && audit.dns() == null) {
            errors.add(new FieldError(prefix + ".dns", "is required when type is dns"));
        }
        return errors;
    }
}
