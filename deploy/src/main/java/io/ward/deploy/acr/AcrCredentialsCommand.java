package io.ward.deploy.acr;

import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.models.AccessKeyType;
import com.azure.resourcemanager.containerregistry.models.Registry;
import com.azure.resourcemanager.containerregistry.models.RegistryCredentials;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;
import io.ward.deploy.azure.AzureOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** `ward acr credentials`: the registry's admin login (the seed's `az acr update --admin-enabled` + `az acr credential show`). */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Print the registry's login server and admin user name and password (for ward aci create). "
                + "The password is printed on stdout only, because asking for it is the point of this command.",
        footerHeading = "%n",
        footer = {"Example:", "  ward acr credentials --registry myacr --enable-admin --output json"})
public class AcrCredentialsCommand implements Callable<Integer> {

    @Option(names = {"--registry", "-r", "--name", "-n"}, required = true, description = "Registry name.")
    String registry;

    @Option(names = {"--resource-group", "-g"}, description = "Resource group of the registry (default: found by name).")
    String resourceGroup;

    @Option(names = "--enable-admin", description = "Enable the registry's admin user first if it is disabled.")
    boolean enableAdmin;

    @Mixin
    AzureOptions azure;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.print(System.out, credentials(azure.registryManager(), registry, resourceGroup, enableAdmin, System.err));
        return ExitCode.OK;
    }

    /** The admin credentials as {loginServer, username, password, password2}. */
    public static Map<String, String> credentials(ContainerRegistryManager manager, String name, String resourceGroup,
                                                  boolean enableAdmin, PrintStream progress) {
        Registry registry = Registries.find(manager, name, resourceGroup);
        if (!registry.adminUserEnabled()) {
            if (!enableAdmin) {
                throw new CliException(ExitCode.FAILED, "the admin user of registry " + registry.name()
                        + " is disabled; pass --enable-admin (like az acr update --admin-enabled true)");
            }
            progress.println("enabling the admin user of " + registry.name());
            registry = registry.update().withRegistryNameAsAdminUser().apply();
        }
        RegistryCredentials credentials = registry.getCredentials();
        Map<String, String> result = new LinkedHashMap<>();
        result.put("loginServer", registry.loginServerUrl());
        result.put("username", credentials.username());
        result.put("password", credentials.accessKeys().get(AccessKeyType.PRIMARY));
        result.put("password2", credentials.accessKeys().get(AccessKeyType.SECONDARY));
        return result;
    }
}
