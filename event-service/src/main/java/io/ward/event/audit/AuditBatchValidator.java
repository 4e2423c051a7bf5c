package io.ward.event.audit;

import io.ward.event.config.EventConfig;
import io.ward.http.problems.BatchCheck;
import io.ward.http.problems.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Checks a posted batch as a whole: its size, every field of every audit, and that each time is storable. */
@ApplicationScoped
public class AuditBatchValidator {

    private final Validator validator;
    private final EventConfig config;

    public AuditBatchValidator(Validator validator, EventConfig config) {
        this.validator = validator;
        this.config = config;
    }

    /** Throws a 413 or 400 problem naming each bad field as {@code [index].field}; returns when all is well. */
    public void validate(List<Audit> batch, Instant now) {
        Instant latest = now.plus(config.audits().futureTolerance());
        Instant earliest = now.minus(Duration.ofDays(config.audits().retentionDays()));
        BatchCheck.check(batch, config.audits().maxBatchSize(), "audit", "the batch was not stored",
                (at, audit, errors) -> check(at, audit, earliest, latest, errors));
    }

    private void check(String at, Audit audit, Instant earliest, Instant latest, List<FieldError> errors) {
        BatchCheck.addViolations(at, validator.validate(audit), errors);
        if (audit.time() != null && audit.time().isAfter(latest)) {
            errors.add(new FieldError(at + ".time", "lies more than " + config.audits().futureTolerance().toHours()
                    + " h in the future; check the defender's clock"));
        }
        if (audit.time() != null && audit.time().isBefore(earliest)) {
            errors.add(new FieldError(at + ".time", "is older than the " + config.audits().retentionDays()
                    + "-day retention"));
        }
        if ("network".equals(audit.type()) && audit.network() == null) {
            errors.add(new FieldError(at + ".network", "is required when type is network"));
        }
        if ("dns".equals(audit.type()) && audit.dns() == null) {
            errors.add(new FieldError(at + ".dns", "is required when type is dns"));
        }
    }
}
