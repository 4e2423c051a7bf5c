package io.ward.event.rest;

import io.ward.http.problems.ProblemBodies;
import jakarta.enterprise.context.ApplicationScoped;

/** This service's {@link Problem} for the refusals made in the HTTP layer (ward-http-problems). */
@ApplicationScoped
class HttpProblemBodies implements ProblemBodies {

    /** Also the detail of the 401s that do reach {@link ProblemMappers}. */
    static final String MISSING_TOKEN = "a valid token is required";

    @Override
    public Object problem(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    @Override
    public String missingTokenDetail() {
        return MISSING_TOKEN;
    }

    @Override
    public String tooLargeDetail(long maxBytes) {
        return "the request body is larger than " + maxBytes + " bytes";
    }
}
