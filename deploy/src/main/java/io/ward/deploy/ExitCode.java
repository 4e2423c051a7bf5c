package io.ward.deploy;

/** The exit codes of every `ward` command (documented in deploy/README.md). */
public final class ExitCode {
    public static final int OK = 0;
    /** The remote operation ran and failed (ACR run failed, container group did not start, console refused). */
    public static final int FAILED = 1;
    /** Bad flags or arguments (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** No credentials, or Azure / the console answered 401 or 403. */
    public static final int AUTH = 3;
    /** The named registry, resource group or container group does not exist. */
    public static final int NOT_FOUND = 4;
    /** `ward embed` refused a Dockerfile it cannot embed safely. */
    public static final int REFUSED = 5;

    private ExitCode() {
    }
}
