package io.ward.deploy.suite;

import io.ward.deploy.CommandGroup;
import picocli.CommandLine.Command;

/** `ward suite`: the Ward console services in Azure. */
@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Deploy the Ward console (policy-service, event-service, attack-mapper) to Azure.",
        subcommands = {SuiteDeployCommand.class},
        footerHeading = "%n",
        footer = {"Example:", "  ward suite deploy --resource-group ward-rg --registry myacr --database-url jdbc:postgresql://db.postgres.database.azure.com:5432/ward"})
public class SuiteCommand extends CommandGroup {
}
