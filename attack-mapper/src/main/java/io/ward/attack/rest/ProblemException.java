package io.ward.attack.rest;

import java.util.List;

/** A failure the API reports as problem details: status, title, detail and the fields at fault. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.problem = Problem.of(status, title, detail, List.copyOf(errors));
    }

    public static ProblemException badRequest(List<FieldError> errors) {
        return new ProblemException(400, "Bad Request", "The request has " + errors.size() + " invalid field(s).",
                errors);
    }

    public Problem problem() {
        return problem;
    }
}
