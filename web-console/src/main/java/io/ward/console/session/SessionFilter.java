package io.ward.console.session;

import io.vertx.core.http.HttpServerRequest;
import io.ward.console.rest.Redirect;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every page but the login page needs a session: without one a page request is sent to /login, and an htmx
 * request (whose redirect would be swapped into the page) is told to load /login instead.
 */
public class SessionFilter {

    public static final String COOKIE = "ward_session";

    private final SessionStore store;
    private final CurrentSession current;

    public SessionFilter(SessionStore store, CurrentSession current) {
        this.store = store;
        this.current = current;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireSession(ContainerRequestContext request, HttpServerRequest http) {
        current.clientAddress(http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        String path = request.getUriInfo().getPath();
        if (path.equals("/login")) {
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        Optional<ConsoleSession> session = store.find(cookie == null ? null : cookie.getValue());
        if (session.isPresent()) {
            current.set(session.get());
            return Optional.empty();
        }
        return Optional.of(signInFirst(request));
    }

    /** Back to the login page: a full redirect, or for htmx the HX-Redirect header htmx follows itself. */
    public static Response signInFirst(ContainerRequestContext request) {
        if (request.getHeaderString("HX-Request") != null) {
            return Response.status(401).header("HX-Redirect", "/login").build();
        }
        return Redirect.to("/login").build();
    }
}
