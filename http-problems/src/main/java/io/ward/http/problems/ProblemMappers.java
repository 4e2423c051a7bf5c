package io.ward.http.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns every exception of every service into a problem-details response; 500s are logged with
 * their stack, never returned. The 403 of a role check says {@code ward.problems.forbidden-detail}, which a service
 * may word to name the roles it admits.
 */
public class ProblemMappers {

    /** The detail of every 401, in the HTTP layer ({@link HttpProblems}) and here. */
    public static final String MISSING_TOKEN = "A valid bearer token is required.";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final String forbiddenDetail;

    ProblemMappers(@ConfigProperty(name = "ward.problems.forbidden-detail",
            defaultValue = "Your role does not allow this operation.") String forbiddenDetail) {
        this.forbiddenDetail = forbiddenDetail;
    }

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
                .map(v -> new FieldError(FieldPaths.ofViolation(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return problem(ProblemException.badRequest(errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return problem(ProblemException.badRequest(FieldPaths.ofJson(e), "unknown field"));
    }

    // Listed one by one: Quarkus ships mappers for the subclasses, and the closest type wins.
    @ServerExceptionMapper(priority = 1,
            value = {InvalidFormatException.class, MismatchedInputException.class, JsonMappingException.class})
    public Response unreadable(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        String field = FieldPaths.ofJson(e);
        return problem(ProblemException.badRequest(field.isEmpty() ? "body" : field,
                field.isEmpty() ? "the body is not the expected JSON object" : "has the wrong type or format"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonProcessingException e) {
        return problem(ProblemException.badRequest("body", "malformed JSON"));
    }

    // Most 401s are sent before RESTEasy, by ProblemChallenge; these two answer the same way for any that get here.
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return problem(ProblemException.unauthorized(MISSING_TOKEN));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized(null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", forbiddenDetail, List.of()).build();
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
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail, errors));
    }
}
