package io.ward.deploy.aci;

import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerinstance.models.ContainerGroup;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupRestartPolicy;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.azure.FileShareVolume;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Creates a one-container group like `az container create` and waits until it is provisioned. */
public final class AciCreate {

    /** The name of the group's volume that holds the defender's data folder. */
    static final String DATA_VOLUME = "ward-data";

    /**
     * The settings of `ward aci create`; registry fields are null for a public image, {@code dataVolume} null for
     * no volume.
     */
    public record Spec(String name, String resourceGroup, String location, String image, String registryLoginServer,
                       String registryUsername, String registryPassword, String dnsNameLabel, boolean publicIp,
                       List<Integer> ports, Map<String, String> env, Map<String, String> secureEnv, double cpu,
                       double memoryGb, ContainerGroupRestartPolicy restartPolicy, DataVolume dataVolume) {
    }

    /** `--data-volume`: the share mounted at {@code mountPath}; {@code storageAccount} null means derived from the group. */
    public record DataVolume(String storageAccount, String share, String mountPath) {
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
        FileShareVolume volume = spec.dataVolume() == null ? null : share(manager, spec, location, progress);
        var withRegistry = manager.containerGroups().define(spec.name())
                .withRegion(location)
                .withExistingResourceGroup(spec.resourceGroup())
                .withLinux();
        var withVolume = spec.registryLoginServer() == null
                ? withRegistry.withPublicImageRegistryOnly()
                : withRegistry.withPrivateImageRegistry(spec.registryLoginServer(), spec.registryUsername(),
                        spec.registryPassword());
        var withContainer = (volume == null ? withVolume.withoutVolume() : volume.defineOn(withVolume, DATA_VOLUME))
                .defineContainerInstance(spec.name())
                    .withImage(spec.image());
        var container = isPublic ? withContainer.withExternalTcpPorts(ports)
                : ports.length > 0 ? withContainer.withInternalTcpPorts(ports) : withContainer.withoutPorts();
        var settings = container
                    .withCpuCoreCount(spec.cpu())
                    .withMemorySizeInGB(spec.memoryGb())
                    .withEnvironmentVariables(spec.env())
                    .withEnvironmentVariableWithSecuredValue(spec.secureEnv());
        if (volume != null) {
            settings = settings.withVolumeMountSetting(DATA_VOLUME, spec.dataVolume().mountPath());
        }
        var group = settings.attach()
                .withRestartPolicy(spec.restartPolicy());
        if (spec.dnsNameLabel() != null) {
            group = group.withDnsPrefix(spec.dnsNameLabel());
        }
        progress.println("creating container group " + spec.name() + " in " + spec.resourceGroup() + " (" + location
                + "); waiting until it runs …");
        return group.create();
    }

    /** Finds or creates the storage account and share of {@code --data-volume}, before the group that mounts them. */
    private static FileShareVolume share(ContainerInstanceManager manager, Spec spec, String location,
                                         PrintStream progress) {
        String account = spec.dataVolume().storageAccount() != null ? spec.dataVolume().storageAccount()
                : FileShareVolume.derivedAccountName(manager.subscriptionId(), spec.resourceGroup(), spec.name());
        return FileShareVolume.ensure(manager.storageManager(), spec.resourceGroup(), location, account,
                spec.dataVolume().share(), progress);
    }
}
