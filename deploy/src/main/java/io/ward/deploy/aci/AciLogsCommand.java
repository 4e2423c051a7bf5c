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

    @Option(names = {"--name", "-n"}, required = true, description = "Container group name.")
    String name;

    @Option(names = {"--resource-group", "-g"}, required = true, description = "Resource group.")
    String resourceGroup;

    @Option(names = "--container-name", description = "Container in the group (default: the group name).")
    String container;

    @Option(names = "--tail", description = "Only the last N lines.")
    Integer tail;

    @Mixin
    AzureOptions azure;

    @Override
    public Integer call() {
        var groups = azure.instanceManager().containerGroups();
        String containerName = container != null ? container : name;
        String log = tail != null ? groups.getLogContent(resourceGroup, name, containerName, tail)
                : groups.getLogContent(resourceGroup, name, containerName);
        System.out.print(log == null ? "" : log);
        return ExitCode.OK;
    }
}
