package io.ward.deploy.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

/** A console call that failed, with a one-line message built from the problem-details body. */
public final class ConsoleException extends CliException {

    private final int status;

    public ConsoleException(int status, String message) {
        super(exitCode(status), message);
        this.status = status;
    }

    private static int exitCode(int httpStatus) {
        return switch (httpStatus) {
            case 401, 403 -> ExitCode.AUTH;
            case 404 -> ExitCode.NOT_FOUND;
            default -> ExitCode.FAILED;
        };
    }

    /** 0 when the console could not be reached at all. */
    public int status() {
        return status;
    }

    static ConsoleException from(String method, String path, int status, String body) {
        String detail = null;
        try {
            JsonNode problem = ConsoleClient.JSON.readTree(body);
            StringBuilder sb = new StringBuilder(problem.path("title").asText("HTTP " + status));
            if (problem.hasNonNull("detail")) {
                sb.append(": ").append(problem.get("detail").asText());
            }
            for (JsonNode error : problem.path("errors")) {
                sb.append("; ").append(error.path("field").asText()).append(": ").append(error.path("message").asText());
            }
            detail = sb.toString();
        } catch (Exception notJson) {
            // fall through to the status line
        }
        if (detail == null || detail.isBlank()) {
            detail = "HTTP " + status;
        }
        return new ConsoleException(status, method + " " + path + " failed (" + status + "): " + detail);
    }
}
