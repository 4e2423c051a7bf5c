package io.ward.policy.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** RFC 9457 problem-details body returned for every error. */
@RegisterForReflection
public record Problem(String type, String title, int status, String detail,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem whose type is derived from its title, e.g. {@code urn:ward:problem:not-found}. */
    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem("urn:ward:problem:" + title.toLowerCase().replace(' ', '-'), title, status, detail, errors);
    }
}
