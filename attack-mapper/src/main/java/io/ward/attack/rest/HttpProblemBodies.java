package io.ward.attack.rest;

import io.ward.http.problems.ProblemBodies;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** This service's {@link Problem} for the refusals made in the HTTP layer (ward-http-problems). */
@ApplicationScoped
class HttpProblemBodies implements ProblemBodies {

    /** Also the detail of the 401s that do reach {@link ProblemMappers}. */
    static final String MISSING_TOKEN = "A valid Ward bearer token is required.";

    @Override
    public Object problem(int status, String title, String detail) {
        return Problem.of(status, title, detail, List.of());
    }

    @Override
    public String missingTokenDetail() {
        return MISSING_TOKEN;
    }

    @Override
    public String tooLargeDetail(long maxBytes) {
        return "The request body is larger than " + maxBytes + " bytes.";
    }
}
