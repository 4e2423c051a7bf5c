package io.ward.deploy.aci;

import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerinstance.models.ContainerGroup;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupRestartPolicy;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Creates a one-container group like `az container create` and waits until it is provisioned. */
public final class AciCreate {

    /** The settings of `ward aci create`; registry fields are null for a public image. */
    public record Spec(String name, String resourceGroup, String location, String image, String registryLoginServer,
                       String registryUsername, String registryPassword, String dnsNameLabel, boolean publicIp,
                       List<Integer> ports, Map<String, String> env, Map<String, String> secureEnv, double cpu,
                       double memoryGb, ContainerGroupRestartPolicy restartPolicy) {
    }

    private AciCreate() {
    }

    public static ContainerGroup run(ContainerInstanceManager manager, Spec spec, PrintStream progress) {
        String location = spec.location() != null ? spec.location()
                : manager.resourceManager().resourceGroups().getByName(spec.resourceGroup()).regionName();
        boolean isPublic = spec.publicIp() || spec.dnsNameLabel() != null;
        if (isPublic && spec.ports().isEmpty()) {
            throw new CliException(ExitCode.USAGE, "a public IP or --dns-name-label needs at least one of --ports");
        }
        int[] ports = spec.ports().stream().mapToInt(Integer::intValue).toArray();
        var withRegistry = manager.containerGroups().define(spec.name())
                .withRegion(location)
                .withExistingResourceGroup(spec.resourceGroup())
                .withLinux();
        var withContainer = (spec.registryLoginServer() == null
                ? withRegistry.withPublicImageRegistryOnly()
                : withRegistry.withPrivateImageRegistry(spec.registryLoginServer(), spec.registryUsername(),
                        spec.registryPassword()))
                .withoutVolume()
                .defineContainerInstance(spec.name())
                    .withImage(spec.image());
        var container = isPublic ? withContainer.withExternalTcpPorts(ports)
                : ports.length > 0 ? withContainer.withInternalTcpPorts(ports) : withContainer.withoutPorts();
        var group = container
                    .withCpuCoreCount(spec.cpu())
                    .withMemorySizeInGB(spec.memoryGb())
                    .withEnvironmentVariables(spec.env())
                    .withEnvironmentVariableWithSecuredValue(spec.secureEnv())
                    .attach()
                .withRestartPolicy(spec.restartPolicy());
        if (spec.dnsNameLabel() != null) {
            group = group.withDnsPrefix(spec.dnsNameLabel());
        }
        progress.println("creating container group " + spec.name() + " in " + spec.resourceGroup() + " (" + location
                + "); waiting until it runs …");
        return group.create();
    }
}
