package io.ward.event.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Problem-details body (RFC 9457) of every error this service returns. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** One invalid field: its path in the request (e.g. {@code [3].process.pid}) and what is wrong. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
