package io.ward.deploy.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.Subscription;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags every Azure command shares and the authenticated managers built from them: the credential from
 * {@link AzureCredentials}, the subscription, and an optional Resource Manager endpoint (sovereign clouds, Azure
 * Stack, tests).
 */
public class AzureOptions {

    @Option(names = "--subscription", description = "Subscription id (default: AZURE_SUBSCRIPTION_ID, or the only one you can see).")
    String subscription;

    @Option(names = "--arm-endpoint", description = "Azure Resource Manager endpoint (default: WARD_ARM_ENDPOINT or https://management.azure.com/).")
    String armEndpoint;

    public ContainerRegistryManager registryManager() {
        TokenCredential credential = AzureCredentials.get();
        AzureProfile profile = profile(credential);
        return ContainerRegistryManager.configure().withLogLevel(HttpLogDetailLevel.NONE).authenticate(credential, profile);
    }

    public ContainerInstanceManager instanceManager() {
        TokenCredential credential = AzureCredentials.get();
        AzureProfile profile = profile(credential);
        return ContainerInstanceManager.configure().withLogLevel(HttpLogDetailLevel.NONE).authenticate(credential, profile);
    }

    private AzureProfile profile(TokenCredential credential) {
        AzureEnvironment environment = environment();
        String subscriptionId = subscription != null ? subscription : System.getenv("AZURE_SUBSCRIPTION_ID");
        if (subscriptionId == null || subscriptionId.isBlank()) {
            subscriptionId = onlySubscription(credential, environment);
        }
        return new AzureProfile(System.getenv("AZURE_TENANT_ID"), subscriptionId, environment);
    }

    /** Public Azure, or the same endpoints with Resource Manager at the override. */
    AzureEnvironment environment() {
        String endpoint = armEndpoint != null ? armEndpoint : System.getenv("WARD_ARM_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return AzureEnvironment.AZURE;
        }
        URI uri = URI.create(endpoint);
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CliException(ExitCode.USAGE, "--arm-endpoint must be an https URL (Azure tokens are only sent over TLS)");
        }
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint.endsWith("/") ? endpoint : endpoint + "/");
        return new AzureEnvironment(endpoints);
    }

    private static String onlySubscription(TokenCredential credential, AzureEnvironment environment) {
        List<Subscription> visible = ResourceManager.configure().withLogLevel(HttpLogDetailLevel.NONE)
                .authenticate(credential, new AzureProfile(environment)).subscriptions().list().stream().toList();
        if (visible.size() != 1) {
            throw new CliException(ExitCode.USAGE, "you can see " + visible.size()
                    + " subscriptions; pick one with --subscription or AZURE_SUBSCRIPTION_ID");
        }
        return visible.get(0).subscriptionId();
    }
}
