package io.ward.event.rest;

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
 * Problem details for the answers given in the HTTP layer, before a request reaches RESTEasy and {@link ProblemMappers}:
 * a body over {@code quarkus.http.limits.max-body-size} and (through {@link ProblemChallenge}) a missing or bad token.
 * Left alone, Vert.x and Quarkus answer these with an empty body. (Unknown paths and wrong methods do reach RESTEasy,
 * which serves every path.)
 */
@ApplicationScoped
public class HttpProblems {

    private final ObjectMapper json;
    private final long maxBodySize;

    HttpProblems(ObjectMapper json, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.json = json;
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
            send(ctx, new Problem("about:blank", "Content Too Large", 413,
                    "the request body is larger than " + maxBodySize + " bytes", null));
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

    /** Ends the response with {@code problem}, unless something already answered. */
    public void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a record of strings and numbers always serializes
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                .end(body);
    }
}
