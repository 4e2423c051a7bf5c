package io.ward.console.client;

import io.ward.console.session.ConsoleSession;
import io.ward.console.session.CurrentSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Every call to a service carries the signed-in user's token, so the services authorise the user, not the console,
 * and the browser's address as X-Forwarded-For: policy-service trusts the header from loopback and throttles failed
 * logins per real client, so one browser's failures do not lock out everyone signing in through the console.
 */
@ApplicationScoped
public class SessionHeaders implements ClientHeadersFactory {

    private final CurrentSession current;

    public SessionHeaders(CurrentSession current) {
        this.current = current;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        ConsoleSession session = current.get();
        if (session != null) {
            headers.putSingle("Authorization", "Bearer " + session.token());
        }
        if (current.clientAddress() != null) {
            headers.putSingle("X-Forwarded-For", current.clientAddress());
        }
        return headers;
    }
}
