package io.ward.deploy.acr;

import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.models.Registry;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

/** Finds a registry by name like `az acr` does: in the given resource group, or anywhere in the subscription. */
public final class Registries {

    private Registries() {
    }

    public static Registry find(ContainerRegistryManager manager, String name, String resourceGroup) {
        if (resourceGroup != null) {
            return manager.containerRegistries().getByResourceGroup(resourceGroup, name);
        }
        for (Registry registry : manager.containerRegistries().list()) {
            if (registry.name().equalsIgnoreCase(name)) {
                return registry;
            }
        }
        throw new CliException(ExitCode.NOT_FOUND, "no container registry named " + name + " in the subscription");
    }
}
