package io.ward.deploy.aci;

import picocli.CommandLine.Option;

/** The two flags that name an existing container group (`az container show -n N -g G`). */
public class ContainerGroupName {

    @Option(names = {"--name", "-n"}, required = true, description = "Container group name.")
    String name;

    @Option(names = {"--resource-group", "-g"}, required = true, description = "Resource group.")
    String resourceGroup;
}
