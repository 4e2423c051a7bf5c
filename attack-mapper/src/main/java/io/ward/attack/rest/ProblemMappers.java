package io.ward.attack.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into problem-details JSON; unexpected ones are logged with their stack, never returned. */
public class ProblemMappers {

    static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response badJson(JsonParseException e) {
        return invalidJson(e);
    }

    /** Wrong types or shapes, e.g. a port given as text; the field path names the audit's index. */
    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class})
    public Response badShape(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return respond(ProblemException.badRequest(List.of(new FieldError(field.toString(),
                "has the wrong type or shape: " + (cut > 0 ? message.substring(0, cut) : message)))).problem());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized",
                HttpProblemBodies.MISSING_TOKEN, List.of()))).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden",
                "This call needs the admin, operator or auditor role.", List.of()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // the JSON reader reports syntax errors (e.g. a truncated body) wrapped in a 400
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("Unexpected failure", e);
        return respond(Problem.of(500, "Internal Server Error", "An unexpected error occurred.", List.of()));
    }

    private static Response invalidJson(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return respond(ProblemException.badRequest(List.of(new FieldError("", "body is not valid JSON: "
                + (cut > 0 ? message.substring(0, cut) : message)))).problem());
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(PROBLEM_JSON).entity(problem).build();
    }
}
