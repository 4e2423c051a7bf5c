package io.ward.http.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem details for the answers given in the HTTP layer, before a request reaches RESTEasy and the service's
 * exception mappers: a declared body over {@code quarkus.http.limits.max-body-size} and (through
 * {@link ProblemChallenge}) a missing or bad token. Left alone, Vert.x and Quarkus answer these with an empty body.
 * (Unknown paths and wrong methods do reach RESTEasy, which serves every path, and are answered by the service's
 * mappers.) A chunked body over the limit is refused by {@link BodyLimit} while RESTEasy reads it, with the same
 * problem. The bodies are the same {@link Problem} that {@link ProblemMappers} answers with.
 */
@ApplicationScoped
public class HttpProblems {

        /** RFC 9110's name for 413 (formerly "Payload Too Large"). */
    static final String TOO_LARGE = "Content Too Large";

    /**
     * How far past the limit Quarkus' own check of a chunked body is moved (see {@link #leaveChunkedToBodyLimit}): more
     * than the connection can have received ahead of what a body reader has read (a few 8K chunks queued in Vert.x).
     */
    private static final long QUARKUS_CHECK_SLACK = 1024 * 1024;

    private final ObjectMapper json;
    private final long maxBodySize;

    HttpProblems(ObjectMapper json,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void routes(@Observes Router router) {
        // Quarkus refuses a too-large declared Content-Length in a route of its own at ROUTE_ORDER_UPLOAD_LIMIT, with
        // an empty 413; this route runs just before it with the same test and answers with a problem instead.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseTooLarge);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::leaveChunkedToBodyLimit);
    }

    /**
     * For a body without Content-Length, Quarkus' route leaves the limit in the request for RESTEasy's input stream,
     * which on going over it ends the response with an empty 413 and then throws, so that the service's exception
     * mapper logs an unexpected failure and Quarkus logs the failed write of its answer. {@link BodyLimit} counts the
     * same body as it is read and refuses it first, with a problem; Quarkus' check stays behind it, moved past the
     * limit, for a body read some other way.
     */
    private void leaveChunkedToBodyLimit(RoutingContext ctx) {
        if (ctx.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY) != null) {
            ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, maxBodySize + QUARKUS_CHECK_SLACK);
        }
        ctx.next();
    }

    long maxBodySize() {
        return maxBodySize;
    }

    private void refuseTooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBodySize) {
            // The body is left unread, so the connection cannot carry another request.
            ctx.response().putHeader(HttpHeaderNames.CONNECTION, "close");
            ctx.response().endHandler(done -> ctx.request().connection().close());
            send(ctx, 413, TOO_LARGE, tooLargeDetail());
            return;
        }
        ctx.next();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // left to Vert.x, which refuses a malformed Content-Length itself
        }
    }

    /** Ends the response with the 401 problem for a missing or bad token; headers already set are kept. */
    void refuseUnauthenticated(RoutingContext ctx, int status) {
        send(ctx, status, "Unauthorized", ProblemMappers.MISSING_TOKEN);
    }

    private String tooLargeDetail() {
        return "The request body is larger than " + maxBodySize + " bytes.";
    }

    /** The 413 problem's body, as JSON. */
    String tooLargeBody() {
        return body(413, TOO_LARGE, tooLargeDetail());
    }

    /** Ends the response with a problem, unless something already answered. */
    private void send(RoutingContext ctx, int status, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body(status, title, detail));
    }

    private String body(int status, String title, String detail) {
        try {
            return json.writeValueAsString(Problem.of(status, title, detail, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a record of strings and numbers always serializes
        }
    }
}
