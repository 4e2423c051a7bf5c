package io.ward.deploy.suite;

import picocli.CommandLine.Command;

/** `ward suite`: the Ward console services in Azure. */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Deploy the Ward console (policy-service, event-service, attack-mapper) to Azure.",
        subcommands = {SuiteDeployCommand.class},
        footerHeading = "%n",
        footer = {"Example:", "  ward suite deploy --resource-group ward-rg --registry myacr"})
public class SuiteCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
