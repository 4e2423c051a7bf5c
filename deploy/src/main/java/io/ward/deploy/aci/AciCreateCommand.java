package io.ward.deploy.aci;

import com.azure.resourcemanager.containerinstance.models.ContainerGroup;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupRestartPolicy;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;
import io.ward.deploy.azure.AzureOptions;
import io.ward.deploy.azure.FileShareVolume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `ward aci create`: like `az container create`; prints the FQDN once the group runs. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a container group with one container, wait until it runs and print its FQDN.",
        footerHeading = "%n",
        footer = {"Example (seed Exercise 3):",
            "  ward aci create --name azlab-aci --resource-group azlab-rg --image $ACR_LOGIN_SERVER/businessapp/webadmin:protected \\",
            "    --registry-login-server $ACR_LOGIN_SERVER --registry-username $ACR_USER --registry-password $ACR_PASS \\",
            "    --dns-name-label aci-demo-$RANDOM --ports 5000 --secure-env WARD_TOKEN=$WARD_TOKEN --data-volume --query ipAddress.fqdn",
            "--secure-env values are sent as secureValue: Azure never shows them back, and ward never prints them.",
            "--data-volume keeps the defender's kept rule and audit spool on an Azure Files share across restarts; it finds",
            "or creates the storage account and share, and the account key goes only into the group definition.",
            "Exit codes: 0 running, 1 provisioning failed, 2 bad flags, 3 not logged in / not allowed, 4 no such resource group."})
public class AciCreateCommand implements Callable<Integer> {

    /** The defender's default data folder. */
    static final String DEFAULT_MOUNT_PATH = "/var/lib/ward";

    @Option(names = {"--name", "-n"}, required = true, description = "Container group name.")
    String name;

    @Option(names = {"--resource-group", "-g"}, required = true, description = "Existing resource group.")
    String resourceGroup;

    @Option(names = "--image", required = true, description = "Container image.")
    String image;

    @Option(names = "--registry-login-server", description = "Private registry login server, e.g. myacr.azurecr.io.")
    String registryLoginServer;

    @Option(names = "--registry-username", description = "Private registry user name.")
    String registryUsername;

    @Option(names = "--registry-password", description = "Private registry password.")
    String registryPassword;

    @Option(names = "--dns-name-label", description = "DNS label: <label>.<location>.azurecontainer.io (makes the IP public).")
    String dnsNameLabel;

    @Option(names = "--ip-address", description = "Public for a public IP without a DNS label.")
    String ipAddress;

    @Option(names = "--ports", arity = "1..*", description = "Ports to open (TCP).")
    List<Integer> ports = new ArrayList<>();

    @Option(names = "--env", arity = "1..*", description = "Environment variable K=V (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--secure-env", arity = "1..*", description = "Secure environment variable K=V (repeatable).")
    Map<String, String> secureEnv = new LinkedHashMap<>();

    @Option(names = "--cpu", defaultValue = "1", description = "CPU cores (default: ${DEFAULT-VALUE}).")
    double cpu;

    @Option(names = "--memory", defaultValue = "1.5", description = "Memory in GB (default: ${DEFAULT-VALUE}).")
    double memory;

    @Option(names = {"--location", "-l"}, description = "Azure region (default: the resource group's).")
    String location;

    @Option(names = "--restart-policy", defaultValue = "Always", description = "Always, OnFailure or Never (default: ${DEFAULT-VALUE}).")
    String restartPolicy;

    @Option(names = "--data-volume", description = "Mount an Azure Files share (created if missing) at --data-mount-path,"
            + " so the defender's kept rule and audit spool survive restarts.")
    boolean dataVolume;

    @Option(names = "--storage-account", description = "Storage account of --data-volume, created if missing"
            + " (default: from the group's name, subscription and resource group).")
    String storageAccount;

    @Option(names = "--file-share", description = "File share of --data-volume, created if missing (default: <name>-data).")
    String fileShare;

    @Option(names = "--data-mount-path", description = "Where --data-volume is mounted: the defender's data folder,"
            + " as `ward embed --data-folder` set it (default: " + DEFAULT_MOUNT_PATH + ").")
    String dataMountPath;

    @Option(names = "--query", description = "Print only this field (fqdn or ipAddress.fqdn, state, ip, …).")
    String query;

    @Mixin
    AzureOptions azure;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (registryLoginServer != null && (registryUsername == null || registryPassword == null)) {
            throw new CliException(ExitCode.USAGE, "--registry-login-server needs --registry-username and --registry-password");
        }
        if (ipAddress != null && !ipAddress.equalsIgnoreCase("Public")) {
            throw new CliException(ExitCode.USAGE, "--ip-address accepts only Public");
        }
        ContainerGroupRestartPolicy policy = ContainerGroupRestartPolicy.values().stream()
                .filter(p -> p.toString().equalsIgnoreCase(restartPolicy)).findFirst()
                .orElseThrow(() -> new CliException(ExitCode.USAGE, "--restart-policy must be Always, OnFailure or Never"));
        AciCreate.Spec spec = new AciCreate.Spec(name, resourceGroup, location, image, registryLoginServer,
                registryUsername, registryPassword, dnsNameLabel, ipAddress != null, ports, env, secureEnv, cpu, memory,
                policy, checkedDataVolume());
        ContainerGroup group = AciCreate.run(azure.instanceManager(), spec, System.err);
        ContainerGroupView.print(group, query, output);
        return ExitCode.OK;
    }

    /** The checked `--data-volume` settings, or null without it; bad names are refused before anything is sent. */
    private AciCreate.DataVolume checkedDataVolume() {
        if (!dataVolume) {
            if (storageAccount != null || fileShare != null || dataMountPath != null) {
                throw new CliException(ExitCode.USAGE, "--storage-account, --file-share and --data-mount-path need --data-volume");
            }
            return null;
        }
        return new AciCreate.DataVolume(
                storageAccount == null ? null : FileShareVolume.checkAccountName("--storage-account", storageAccount),
                FileShareVolume.checkShareName("--file-share", fileShare != null ? fileShare : name + "-data"),
                FileShareVolume.checkMountPath("--data-mount-path", dataMountPath != null ? dataMountPath : DEFAULT_MOUNT_PATH));
    }
}
