package io.ward.console.session;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The session of the request being served (set by {@link SessionFilter}), and the browser's address. */
@RequestScoped
@Named("currentSession")
public class CurrentSession {

    private ConsoleSession session;
    private String clientAddress;

    public ConsoleSession get() {
        return session;
    }

    void set(ConsoleSession session) {
        this.session = session;
    }

    public String clientAddress() {
        return clientAddress;
    }

    void clientAddress(String address) {
        this.clientAddress = address;
    }
}
