package io.ward.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `ward` command line: entry point and the list of sub-commands. */
@Command(name = "ward", mixinStandardHelpOptions = true, version = "ward 0.1.0",
        description = "Open app-embedded runtime protection for serverless containers.")
public class WardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WardCommand()).execute(args));
    }
}
