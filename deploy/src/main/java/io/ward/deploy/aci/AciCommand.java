package io.ward.deploy.aci;

import io.ward.deploy.CommandGroup;
import picocli.CommandLine.Command;

/** `ward aci`: Azure Container Instances container groups (like `az container`). */
@Command(name = "aci", mixinStandardHelpOptions = true,
        description = "Run, inspect and delete container groups in Azure Container Instances (like `az container`).",
        subcommands = {AciCreateCommand.class, AciShowCommand.class, AciLogsCommand.class, AciDeleteCommand.class},
        footerHeading = "%n",
        footer = {"Example:", "  ward aci create --name azlab-aci --resource-group azlab-rg --image myacr.azurecr.io/app:v1 --ports 5000"})
public class AciCommand extends CommandGroup {
}
