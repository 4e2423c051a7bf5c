package io.ward.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A service answered with an error: its status and problem-details body ({@code detail}, {@code errors[]}). */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient JsonNode problem;

    public ApiException(int status, JsonNode problem) {
        super("HTTP " + status + ": " + (problem == null ? "" : problem.path("detail").asText(problem.path("title").asText())));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    /** The problem's detail (or title), for a one-line message. */
    public String detail() {
        if (problem == null) {
            return "the service answered HTTP " + status;
        }
        return problem.path("detail").asText(problem.path("title").asText("HTTP " + status));
    }

    /**
     * The field errors, keyed by field without list index ({@code processes.allowed[3]} → {@code processes.allowed}),
     * so that a form shows each at its input; several errors on one field are joined.
     */
    public Map<String, String> fieldErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (problem != null) {
            for (JsonNode e : problem.path("errors")) {
                String field = e.path("field").asText();
                String key = field.replaceAll("\\[\\d+]$", "");
                String message = field.equals(key) ? e.path("message").asText()
                        : "line " + (Integer.parseInt(field.substring(key.length() + 1, field.length() - 1)) + 1) + ": "
                        + e.path("message").asText();
                errors.merge(key, message, (a, b) -> a + "; " + b);
            }
        }
        return errors;
    }
}
