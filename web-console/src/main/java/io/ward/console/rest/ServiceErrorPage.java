package io.ward.console.rest;

import io.ward.console.client.ApiException;
import io.ward.console.session.CurrentSession;
import io.ward.console.session.SessionFilter;
import io.ward.console.session.SessionStore;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A service's refusal as a page: an expired token signs the user out; 403, 404 and failures are shown as they are. */
public class ServiceErrorPage {

    private final SessionStore sessions;
    private final CurrentSession current;

    public ServiceErrorPage(SessionStore sessions, CurrentSession current) {
        this.sessions = sessions;
        this.current = current;
    }

    @ServerExceptionMapper
    public Response refused(ApiException e, ContainerRequestContext request) {
        if (e.status() == 401) {
            if (current.get() != null) {
                sessions.close(current.get().id());
            }
            return SessionFilter.signInFirst(request);
        }
        int status = switch (e.status()) {
            case 400, 403, 404, 409 -> e.status();
            default -> 502;
        };
        String message = switch (e.status()) {
            case 403 -> "Your role may not do this.";
            case 404 -> "Not found: " + e.detail();
            default -> e.detail();
        };
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Templates.error(status, message)).build();
    }
}
