package io.ward.http.problems;

import java.time.Duration;
import java.util.List;

/**
 * A request a service refuses, answered by {@link ProblemMappers} as problem details: status, title, detail and the
 * fields at fault.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, null);
    }

    private ProblemException(int status, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ProblemException badRequest(List<FieldError> errors) {
        return badRequest("The request has " + errors.size() + " invalid field(s).", errors);
    }

    public static ProblemException badRequest(String field, String message) {
        return badRequest(List.of(new FieldError(field, message)));
    }

    /** A 400 whose detail says more than the count of fields, e.g. that nothing of a batch was stored. */
    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "Bad Request", detail, errors);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return forbidden(detail, List.of());
    }

    public static ProblemException forbidden(String detail, List<FieldError> errors) {
        return new ProblemException(403, "Forbidden", detail, errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of());
    }

    public static ProblemException conflict(String detail, List<FieldError> errors) {
        return new ProblemException(409, "Conflict", detail, errors);
    }

    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, "Too Many Requests", detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How long a throttled client should wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
