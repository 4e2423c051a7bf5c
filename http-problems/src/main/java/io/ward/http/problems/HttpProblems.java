package io.ward.http.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem details for the answers given in the HTTP layer, before a request reaches RESTEasy and the service's
 * exception mappers: a body over {@code quarkus.http.limits.max-body-size} and (through {@link ProblemChallenge}) a
 * missing or bad token. Left alone, Vert.x and Quarkus answer these with an empty body. (Unknown paths and wrong
 * methods do reach RESTEasy, which serves every path, and are answered by the service's mappers.) The body's shape
 * and wording come from the service's {@link ProblemBodies}.
 */
@ApplicationScoped
public class HttpProblems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final ObjectMapper json;
    private final ProblemBodies bodies;
    private final long maxBodySize;

    HttpProblems(ObjectMapper json, ProblemBodies bodies,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.json = json;
        this.bodies = bodies;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void routes(@Observes Router router) {
        // Quarkus refuses a too-large declared Content-Length in a route of its own at ROUTE_ORDER_UPLOAD_LIMIT, with
        // an empty 413; this route runs just before it with the same test and answers with a problem instead.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseTooLarge);
    }

    private void refuseTooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBodySize) {
            // The body is left unread, so the connection cannot carry another request.
            ctx.response().putHeader(HttpHeaderNames.CONNECTION, "close");
            ctx.response().endHandler(done -> ctx.request().connection().close());
            // RFC 9110's name for 413 (formerly "Payload Too Large").
            send(ctx, 413, "Content Too Large", bodies.tooLargeDetail(maxBodySize));
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
        send(ctx, status, "Unauthorized", bodies.missingTokenDetail());
    }

    /** Ends the response with the service's problem, unless something already answered. */
    private void send(RoutingContext ctx, int status, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(bodies.problem(status, title, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a record of strings and numbers always serializes
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, MEDIA_TYPE)
                .end(body);
    }
}
