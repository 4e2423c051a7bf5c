package io.ward.event.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every exception a resource throws into problem-details JSON; 500s are logged, never explained. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(FieldPaths.ofViolation(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.badRequest("the request is invalid", errors).toProblem());
    }

    /** Named explicitly so it wins over Quarkus' built-in mapper for this exception, which answers in another shape. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? FieldPaths.ofJson(m.getPath()) : "body";
        String message = e instanceof JsonMappingException ? "has the wrong type or format" : "is not valid JSON";
        return respond(ProblemException.badField(field.isEmpty() ? "body" : field, message).toProblem());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        return respond(new Problem("about:blank", title, status, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof io.quarkus.security.UnauthorizedException || e instanceof io.quarkus.security.AuthenticationFailedException) {
            return respond(new Problem("about:blank", "Unauthorized", 401, "a valid token is required", null));
        }
        if (e instanceof io.quarkus.security.ForbiddenException) {
            return respond(new Problem("about:blank", "Forbidden", 403, "the token's role does not allow this", null));
        }
        LOG.error("request failed", e);
        return respond(new Problem("about:blank", "Internal Server Error", 500, "an unexpected error occurred", null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type("application/problem+json").entity(problem).build();
    }

}
