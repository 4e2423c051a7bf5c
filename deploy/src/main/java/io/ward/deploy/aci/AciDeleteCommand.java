package io.ward.deploy.aci;

import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;
import io.ward.deploy.azure.AzureOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** `ward aci delete`: deletes a container group and waits until it is gone. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a container group.",
        footerHeading = "%n", footer = {"Example:", "  ward aci delete --name azlab-aci --resource-group azlab-rg"})
public class AciDeleteCommand implements Callable<Integer> {

    @Mixin
    ContainerGroupName group;

    @Mixin
    AzureOptions azure;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        System.err.println("deleting container group " + group.name + " …");
        azure.instanceManager().containerGroups().deleteByResourceGroup(group.resourceGroup, group.name);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", group.name);
        result.put("resourceGroup", group.resourceGroup);
        result.put("deleted", true);
        output.print(System.out, result);
        return ExitCode.OK;
    }
}
