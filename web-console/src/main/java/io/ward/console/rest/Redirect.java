package io.ward.console.rest;

import jakarta.ws.rs.core.Response;

/**
 * A 303 to a path of the console. The Location stays relative: behind the front door the console does not know the
 * host and port the browser used, and an absolute URL built from its own view would point elsewhere.
 */
public final class Redirect {

    private Redirect() {
    }

    public static Response.ResponseBuilder to(String path) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", path);
    }
}
