package io.ward.deploy.embed;

import java.util.ArrayList;
import java.util.List;

/**
 * What the final stage of a Dockerfile runs: ENTRYPOINT, CMD and USER as the built image's config holds them.
 * A null entrypoint or cmd means "inherited from an external base image", which the file cannot tell us.
 */
public record ImageConfig(StartCommand entrypoint, StartCommand cmd, boolean cmdSetInFinalStage, String user,
                          String rootImage, Instruction finalFrom) {

    /** The argv the container starts with when run without arguments (ENTRYPOINT + CMD). */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(entrypoint.argv());
        argv.addAll(cmd.argv());
        return argv;
    }
}
