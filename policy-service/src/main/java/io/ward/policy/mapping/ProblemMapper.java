package io.ward.policy.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns every exception into a problem-details response; 500s are logged, never returned. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = respond(e.status(), e.title(), e.getMessage(), e.errors());
        if (e.retryAfter() != null) {
            // Rounded up so a client that waits exactly this long is let in.
            response.header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
        }
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Bearer"); // a 401 without a challenge is not a valid 401
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ValidationException e) {
        if (!(e instanceof ConstraintViolationException violations)) {
            return unexpected(e);
        }
        List<FieldError> errors = violations.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return problem(ProblemException.badRequest(errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return problem(ProblemException.badRequest(jsonPath(e), "unknown field"));
    }

    // Listed one by one: Quarkus ships mappers for the subclasses, and the closest type wins.
    @ServerExceptionMapper(value = {InvalidFormatException.class, MismatchedInputException.class, JsonMappingException.class},
            priority = 1)
    public Response unreadable(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        String field = jsonPath(e);
        return problem(ProblemException.badRequest(field.isEmpty() ? "body" : field,
                field.isEmpty() ? "the body is not the expected JSON object" : "has the wrong type or format"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonProcessingException e) {
        return problem(ProblemException.badRequest("body", "malformed JSON"));
    }

    // Most 401s are sent before RESTEasy, by ProblemChallenge (ward-http-problems); these two answer the same way for
    // any that get here.
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return problem(ProblemException.unauthorized(HttpProblemBodies.MISSING_TOKEN));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized(null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", "Your role does not allow this operation.", List.of()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (e.getCause() instanceof JsonMappingException unreadable) {
            return unreadable(unreadable); // the JSON reader wraps some failures, such as a truncated body
        }
        if (e.getCause() instanceof JsonProcessingException malformed) {
            return malformed(malformed);
        }
        if (status.getStatusCode() >= 500) {
            return unexpected(e);
        }
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return respond(500, "Internal Server Error", "The server failed; the failure is logged.", List.of()).build();
    }

    private static Response.ResponseBuilder respond(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail, errors));
    }

    /**
     * {@code create.body.network.listeningPorts[0].<list element>} → {@code network.listeningPorts[0]}; a violation
     * on a parameter itself is named after it ({@code resolve.appId} → {@code appId}, a missing body → {@code body}).
     */
    static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.PARAMETER && i == nodes.size() - 1) {
                return node.getName();
            }
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
