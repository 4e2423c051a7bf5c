package io.ward.deploy;

import picocli.CommandLine;

/** A command that only groups sub-commands: run on its own, it prints its usage to stderr. */
public abstract class CommandGroup implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
