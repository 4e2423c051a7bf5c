package io.ward.http.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The RFC 9457 problem-details body of every error the services return. The type is always {@code about:blank}: the
 * status and title say what went wrong, the detail says it for this request, and {@code errors} names the fields at
 * fault (left out when there are none). See the README for why this scheme.
 */
@RegisterForReflection
public record Problem(String type, String title, int status,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String detail,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The one type URI: the problem has no semantics beyond its HTTP status. */
    public static final String TYPE = "about:blank";

    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE, title, status, detail, errors);
    }
}
