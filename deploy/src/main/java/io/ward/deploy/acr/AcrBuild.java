package io.ward.deploy.acr;

import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.models.Architecture;
import com.azure.resourcemanager.containerregistry.models.OverridingArgument;
import com.azure.resourcemanager.containerregistry.models.Registry;
import com.azure.resourcemanager.containerregistry.models.RegistryTaskRun;
import com.azure.resourcemanager.containerregistry.models.RunStatus;
import com.azure.resourcemanager.containerregistry.models.SourceUploadDefinition;
import com.azure.resourcemanager.containerregistry.models.Variant;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server-side Docker build in ACR, as `az acr build` does it: pack the context (honouring .dockerignore), upload
 * it to the URL from getBuildSourceUploadUrl, schedule a Docker build run on it, follow the run and its log until it
 * ends, and fail with the run's status and log tail.
 */
public final class AcrBuild {

    /** What to build. {@code dockerfile} is relative to {@code context}. */
    public record Request(String registry, String resourceGroup, List<String> images, Path context, String dockerfile,
                          String platform, Map<String, String> buildArgs, int timeoutSeconds) {
    }

    /** How the run ended. */
    public record Outcome(String runId, String status, String loginServer, List<String> images, List<String> files,
                          Duration duration) {
    }

    private static final Set<RunStatus> TERMINAL = Set.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELED,
            RunStatus.ERROR, RunStatus.TIMEOUT);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    private static final int TAIL_LINES = 20;

    private final ContainerRegistryManager manager;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    public AcrBuild(ContainerRegistryManager manager, PrintStream progress) {
        this.manager = manager;
        this.progress = progress;
    }

    public Outcome run(Request request) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Registry registry = Registries.find(manager, request.registry(), request.resourceGroup());
        String resourceGroup = registry.resourceGroupName();
        Path archive = Files.createTempFile("ward-acr-context-", ".tar.gz");
        try {
            List<String> files;
            try (OutputStream out = Files.newOutputStream(archive)) {
                files = BuildContextArchive.write(request.context(), request.dockerfile(), out);
            }
            progress.printf("packed %d files of %s (%d bytes)%n", files.size(), request.context(), Files.size(archive));
            SourceUploadDefinition upload = manager.containerRegistries().getBuildSourceUploadUrl(resourceGroup, registry.name());
            uploadBlob(upload.uploadUrl(), archive);
            progress.println("uploaded the build context to " + registry.name());

            RegistryTaskRun run = schedule(request, resourceGroup, registry.name(), upload.relativePath());
            progress.println("queued run " + run.runId() + " in " + registry.name());
            RunLog log = new RunLog(http, manager.registryTaskRuns().getLogSasUrl(resourceGroup, registry.name(), run.runId()));
            while (!TERMINAL.contains(run.status())) {
                log.pump(progress);
                Thread.sleep(ResourceManagerUtils.InternalRuntimeContext.getDelayDuration(POLL_INTERVAL).toMillis());
                run = run.refresh();
            }
            log.pump(progress);
            if (run.status() != RunStatus.SUCCEEDED) {
                progress.println("--- last lines of the run log ---");
                log.tail(TAIL_LINES).forEach(progress::println);
                throw new CliException(ExitCode.FAILED, "ACR run " + run.runId() + " ended " + run.status()
                        + " building " + String.join(", ", request.images()));
            }
            return new Outcome(run.runId(), run.status().toString(), registry.loginServerUrl(), request.images(), files,
                    Duration.between(started, Instant.now()));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private RegistryTaskRun schedule(Request request, String resourceGroup, String registry, String sourceLocation) {
        Map<String, OverridingArgument> args = new LinkedHashMap<>();
        request.buildArgs().forEach((k, v) -> args.put(k, new OverridingArgument(v, false)));
        String[] platform = request.platform().split("/");
        Architecture architecture = Architecture.fromString(platform.length > 1 ? platform[1] : "amd64");
        var withPlatform = manager.registryTaskRuns().scheduleRun().withExistingRegistry(resourceGroup, registry);
        var withRequest = switch (platform[0]) {
            case "linux" -> platform.length > 2
                    ? withPlatform.withLinux(architecture, Variant.fromString(platform[2]))
                    : withPlatform.withLinux(architecture);
            case "windows" -> withPlatform.withWindows(architecture);
            default -> throw new CliException(ExitCode.USAGE, "--platform must look like linux/amd64 or linux/arm64/v8");
        };
        return withRequest.withDockerTaskRunRequest()
                    .defineDockerTaskStep()
                        .withDockerFilePath(request.dockerfile())
                        .withImageNames(request.images())
                        .withPushEnabled(true)
                        .withOverridingArguments(args)
                        .attach()
                .withSourceLocation(sourceLocation)
                .withTimeout(request.timeoutSeconds())
                .execute();
    }

    /** PUTs the archive as a block blob to the SAS URL ACR handed out (the URL is the credential: never printed). */
    private void uploadBlob(String url, Path archive) throws IOException, InterruptedException {
        HttpRequest put = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
                .header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofFile(archive)).build();
        HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new CliException(ExitCode.FAILED, "uploading the build context failed with HTTP " + response.statusCode());
        }
    }
}
