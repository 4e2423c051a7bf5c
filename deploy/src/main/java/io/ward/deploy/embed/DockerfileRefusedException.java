package io.ward.deploy.embed;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

/** A Dockerfile `ward embed` will not rewrite, with the line at fault. */
public class DockerfileRefusedException extends CliException {
    private final int line;

    public DockerfileRefusedException(String file, int line, String reason) {
        super(ExitCode.REFUSED, file + ":" + line + ": " + reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
