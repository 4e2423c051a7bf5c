package io.ward.deploy.aci;

import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;
import io.ward.deploy.azure.AzureOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** `ward aci show`: a container group's state, FQDN and images. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a container group.",
        footerHeading = "%n", footer = {"Example:", "  ward aci show --name azlab-aci --resource-group azlab-rg --query fqdn"})
public class AciShowCommand implements Callable<Integer> {

    @Mixin
    ContainerGroupName group;

    @Option(names = "--query", description = "Print only this field (e.g. fqdn, state).")
    String query;

    @Mixin
    AzureOptions azure;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ContainerGroupView.print(azure.instanceManager().containerGroups().getByResourceGroup(group.resourceGroup,
                group.name), query, output);
        return ExitCode.OK;
    }
}
