package io.ward.event.audit;

import io.ward.http.problems.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Position after the last audit of a page: its (time, id). Pages continue strictly below it in the newest-first
 * order, so audits arriving meanwhile never shift or repeat later pages. Encoded opaquely for clients.
 */
public record AuditCursor(Instant time, UUID id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor from a previous page, or answers 400 naming the {@code cursor} parameter. */
    public static AuditCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int slash = plain.indexOf('/');
            long micros = Long.parseLong(plain.substring(0, slash));
            return new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(plain.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor returned by this service");
        }
    }
}
