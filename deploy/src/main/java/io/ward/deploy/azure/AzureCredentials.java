package io.ward.deploy.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

import java.util.function.Supplier;

/**
 * Where Azure commands get their credential: the SDK's default chain (environment, managed identity, Azure CLI
 * login…). Tests replace the provider with a static-token credential; the code path after it is the same.
 */
public final class AzureCredentials {

    private static final Supplier<TokenCredential> DEFAULT = () -> new DefaultAzureCredentialBuilder().build();
    private static volatile Supplier<TokenCredential> provider = DEFAULT;

    private AzureCredentials() {
    }

    public static TokenCredential get() {
        return provider.get();
    }

    /** Replaces the credential source (tests use a static token against WireMock); null restores the default. */
    public static void useProvider(Supplier<TokenCredential> replacement) {
        provider = replacement == null ? DEFAULT : replacement;
    }
}
