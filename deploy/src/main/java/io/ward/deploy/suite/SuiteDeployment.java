package io.ward.deploy.suite;

import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerinstance.models.ContainerGroup;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupRestartPolicy;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import io.ward.deploy.acr.AcrBuild;
import io.ward.deploy.acr.AcrCredentialsCommand;
import io.ward.deploy.azure.FileShareVolume;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `ward suite deploy`: builds policy-service, event-service, attack-mapper (native, multi-stage Dockerfiles) and the
 * defender in ACR, then runs the services in one container group behind a Caddy sidecar that terminates TLS for the
 * group's FQDN, with PostgreSQL in the group when no database URL is given (the command allows that only with
 * --ephemeral-database). Caddy keeps its certificates and ACME account on an Azure Files share, so a restart does
 * not ask Let's Encrypt again (its rate limits would soon refuse).
 */
public final class SuiteDeployment {

    static final int POLICY_PORT = 8081;
    static final int EVENT_PORT = 8082;
    static final int ATTACK_PORT = 8083;
    static final int CONSOLE_PORT = 8084;
    private static final int POSTGRES_PORT = 5432;
    private static final String LOCAL_DB_URL = "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/ward";
    private static final String LOCAL_DB_USER = "ward";
    private static final String CADDY_VOLUME = "caddy-data";
    /** Caddy's data folder (certificates, ACME account); set explicitly so any --proxy-image uses the share. */
    static final String CADDY_DATA = "/data";

    /** One image the suite builds: repository, Dockerfile and context, relative to the Ward home. */
    public record Image(String repository, String dockerfile, String context) {
    }

    public static final List<Image> IMAGES = List.of(
            new Image("ward/policy-service", "policy-service/src/main/docker/Dockerfile.native", "."),
            new Image("ward/event-service", "event-service/src/main/docker/Dockerfile.native", "."),
            new Image("ward/attack-mapper", "attack-mapper/src/main/docker/Dockerfile.native", "."),
            new Image("ward/web-console", "web-console/src/main/docker/Dockerfile.native", "."),
            new Image("ward/defender", "Dockerfile", "defender"));

    /**
     * What to deploy. {@code databaseUrl} null means PostgreSQL inside the group (not durable); {@code storageAccount}
     * null means derived from the group.
     */
    public record Spec(String name, String resourceGroup, String registry, String location, String dnsNameLabel,
                       String tag, Path wardHome, String databaseUrl, String databaseUser, String databasePassword,
                       String proxyImage, String postgresImage, String platform, String storageAccount,
                       String caddyShare) {
    }

    /** The result; {@code adminPassword} is shown once by the caller and kept nowhere. */
    public record Outcome(ContainerGroup group, String consoleUrl, String adminPassword, List<String> images) {
    }

    private final ContainerRegistryManager registries;
    private final ContainerInstanceManager instances;
    private final PrintStream progress;
    private final SecureRandom random = new SecureRandom();

    public SuiteDeployment(ContainerRegistryManager registries, ContainerInstanceManager instances, PrintStream progress) {
        this.registries = registries;
        this.instances = instances;
        this.progress = progress;
    }

    public Outcome run(Spec spec) throws IOException, InterruptedException {
        List<String> built = new ArrayList<>();
        String loginServer = null;
        for (Image image : IMAGES) {
            String name = image.repository() + ":" + spec.tag();
            progress.println("== building " + name + " from " + image.context() + "/" + image.dockerfile());
            // the registry is found by name: it often lives in another resource group than the suite
            AcrBuild.Outcome outcome = new AcrBuild(registries, progress).run(new AcrBuild.Request(spec.registry(),
                    null, List.of(name), spec.wardHome().resolve(image.context()), image.dockerfile(),
                    spec.platform(), Map.of(), 3600));
            loginServer = outcome.loginServer();
            built.add(loginServer + "/" + name);
        }
        Map<String, String> login = AcrCredentialsCommand.credentials(registries, spec.registry(), null, false,
                progress);

        String location = spec.location() != null ? spec.location()
                : instances.resourceManager().resourceGroups().getByName(spec.resourceGroup()).regionName();
        String fqdn = spec.dnsNameLabel() + "." + location + ".azurecontainer.io";
        boolean localDb = spec.databaseUrl() == null;
        if (localDb) {
            progress.println("warning: --ephemeral-database: PostgreSQL runs inside the container group and its data"
                    + " is NOT durable (lost when the group restarts or is deleted)");
        }
        String account = spec.storageAccount() != null ? spec.storageAccount()
                : FileShareVolume.derivedAccountName(instances.subscriptionId(), spec.resourceGroup(), spec.name());
        FileShareVolume caddyData = FileShareVolume.ensure(instances.storageManager(), spec.resourceGroup(), location,
                account, spec.caddyShare(), progress);
        String dbPassword = localDb ? secret() : spec.databasePassword();
        String adminPassword = secret();
        Map<String, String> dbEnv = env(
                "WARD_DB_URL", localDb ? LOCAL_DB_URL : spec.databaseUrl(),
                "WARD_DB_USER", localDb ? LOCAL_DB_USER : spec.databaseUser());
        Map<String, String> verifierEnv = env("WARD_JWKS_URL", "http://127.0.0.1:" + POLICY_PORT + "/api/v1/auth/jwks");
        String serviceKeyId = "ward-suite-" + secret().substring(0, 8).toLowerCase();
        String serviceKeySecret = secret();

        progress.println("== creating container group " + spec.name() + " (" + fqdn + ")");
        var group = instances.containerGroups().define(spec.name())
                .withRegion(location)
                .withExistingResourceGroup(spec.resourceGroup())
                .withLinux()
                .withPrivateImageRegistry(login.get("loginServer"), login.get("username"), login.get("password"));
        var services = caddyData.defineOn(group, CADDY_VOLUME)
                .defineContainerInstance("policy-service")
                    .withImage(built.get(0))
                    .withInternalTcpPort(POLICY_PORT)
                    .withCpuCoreCount(0.5)
                    .withMemorySizeInGB(1)
                    .withEnvironmentVariables(dbEnv)
                    .withEnvironmentVariableWithSecuredValue(env(
                            "WARD_DB_PASSWORD", dbPassword,
                            "WARD_ADMIN_PASSWORD", adminPassword,
                            "WARD_SERVICE_ACCESS_KEY_ID", serviceKeyId,
                            "WARD_SERVICE_ACCESS_KEY_SECRET", serviceKeySecret))
                    .attach()
                .defineContainerInstance("event-service")
                    .withImage(built.get(1))
                    .withInternalTcpPort(EVENT_PORT)
                    .withCpuCoreCount(0.5)
                    .withMemorySizeInGB(1)
                    .withEnvironmentVariables(merge(dbEnv, verifierEnv))
                    .withEnvironmentVariableWithSecuredValue(env(
                            "WARD_DB_PASSWORD", dbPassword,
                            "WARD_SERVICE_ACCESS_KEY_ID", serviceKeyId,
                            "WARD_SERVICE_ACCESS_KEY_SECRET", serviceKeySecret))
                    .attach()
                .defineContainerInstance("attack-mapper")
                    .withImage(built.get(2))
                    .withInternalTcpPort(ATTACK_PORT)
                    .withCpuCoreCount(0.5)
                    .withMemorySizeInGB(0.5)
                    .withEnvironmentVariables(verifierEnv)
                    .attach()
                .defineContainerInstance("web-console")
                    .withImage(built.get(3))
                    .withInternalTcpPort(CONSOLE_PORT)
                    .withCpuCoreCount(0.25)
                    .withMemorySizeInGB(0.5)
                    .withEnvironmentVariables(env(
                            "WARD_POLICY_SERVICE_URL", "http://127.0.0.1:" + POLICY_PORT,
                            "WARD_EVENT_SERVICE_URL", "http://127.0.0.1:" + EVENT_PORT,
                            "WARD_CONSOLE_SECURE_COOKIES", "true"))
                    .attach()
                .defineContainerInstance("front-door")
                    .withImage(spec.proxyImage())
                    .withExternalTcpPorts(80, 443)
                    .withCpuCoreCount(0.25)
                    .withMemorySizeInGB(0.5)
                    .withStartingCommandLine("/bin/sh", "-c",
                            "printf '%s' \"$WARD_CADDYFILE\" > /etc/caddy/Caddyfile"
                                    + " && exec caddy run --config /etc/caddy/Caddyfile --adapter caddyfile")
                    .withEnvironmentVariables(env("WARD_CADDYFILE", Caddyfile.render(fqdn), "XDG_DATA_HOME", CADDY_DATA))
                    .withVolumeMountSetting(CADDY_VOLUME, CADDY_DATA)
                    .attach();
        if (localDb) {
            services = services.defineContainerInstance("postgres")
                    .withImage(spec.postgresImage())
                    .withInternalTcpPort(POSTGRES_PORT)
                    .withCpuCoreCount(0.5)
                    .withMemorySizeInGB(1)
                    .withEnvironmentVariables(env("POSTGRES_USER", LOCAL_DB_USER, "POSTGRES_DB", "ward"))
                    .withEnvironmentVariableWithSecuredValue(env("POSTGRES_PASSWORD", dbPassword))
                    .attach();
        }
        ContainerGroup created = services
                .withRestartPolicy(ContainerGroupRestartPolicy.ALWAYS)
                .withDnsPrefix(spec.dnsNameLabel())
                .create();
        return new Outcome(created, "https://" + fqdn, adminPassword, built);
    }

    /** Environment variables in the order given, so the group definition is the same on every run. */
    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    /** 24 random bytes, URL-safe: passwords and secrets the CLI generates. */
    private String secret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
