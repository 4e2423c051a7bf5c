package io.ward.deploy.acr;

import io.ward.deploy.CommandGroup;
import picocli.CommandLine.Command;

/** `ward acr`: Azure Container Registry builds and credentials. */
@Command(name = "acr", mixinStandardHelpOptions = true,
        description = "Build images in Azure Container Registry and read its credentials (like `az acr`).",
        subcommands = {AcrBuildCommand.class, AcrCredentialsCommand.class},
        footerHeading = "%n",
        footer = {"Example:", "  ward acr build --registry myacr --image businessapp/webadmin:protected ."})
public class AcrCommand extends CommandGroup {
}
