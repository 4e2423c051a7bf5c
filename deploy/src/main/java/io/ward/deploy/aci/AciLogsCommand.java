package io.ward.deploy.aci;

import io.ward.deploy.ExitCode;
import io.ward.deploy.azure.AzureOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** `ward aci logs`: the log of one container of a group (like `az container logs`). */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a container's log.",
        footerHeading = "%n", footer = {"Example:", "  ward aci logs --name azlab-aci --resource-group azlab-rg --tail 50"})
public class AciLogsCommand implements Callable<Integer> {

    @Mixin
    ContainerGroupName group;

    @Option(names = "--container-name", description = "Container in the group (default: the group name).")
    String container;

    @Option(names = "--tail", description = "Only the last N lines.")
    Integer tail;

    @Mixin
    AzureOptions azure;

    @Override
    public Integer call() {
        var groups = azure.instanceManager().containerGroups();
        String containerName = container != null ? container : group.name;
        String log = tail != null ? groups.getLogContent(group.resourceGroup, group.name, containerName, tail)
                : groups.getLogContent(group.resourceGroup, group.name, containerName);
        System.out.print(log == null ? "" : log);
        return ExitCode.OK;
    }
}
