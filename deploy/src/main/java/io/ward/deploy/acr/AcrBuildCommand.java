package io.ward.deploy.acr;

import io.ward.deploy.ExitCode;
import io.ward.deploy.OutputOptions;
import io.ward.deploy.azure.AzureOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `ward acr build`: like `az acr build`, a Docker build run in ACR from a local context. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Pack CONTEXT (honouring .dockerignore), upload it to the registry and build it there, "
                + "streaming the run log to stderr. Exits 1 with the log tail when the run fails.",
        footerHeading = "%n",
        footer = {"Example:", "  ward acr build --registry myacr --image businessapp/webadmin:protected .",
            "Exit codes: 0 built and pushed, 1 run failed, 2 bad flags, 3 not logged in / not allowed, 4 no such registry."})
public class AcrBuildCommand implements Callable<Integer> {

    @Option(names = {"--registry", "-r"}, required = true, description = "Registry name.")
    String registry;

    @Option(names = {"--resource-group", "-g"}, description = "Resource group of the registry (default: found by name).")
    String resourceGroup;

    @Option(names = {"--image", "-t"}, required = true, description = "Image name and tag, e.g. app:v1 (repeatable).")
    List<String> images;

    @Option(names = {"--file", "-f"}, defaultValue = "Dockerfile", description = "Dockerfile path inside CONTEXT (default: ${DEFAULT-VALUE}).")
    String file;

    @Option(names = "--platform", defaultValue = "linux/amd64", description = "os/arch[/variant] (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--build-arg", description = "Build argument K=V (repeatable).")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--timeout", defaultValue = "3600", description = "Run timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Mixin
    AzureOptions azure;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "Build context directory.")
    Path context;

    @Override
    public Integer call() throws Exception {
        AcrBuild.Request request = new AcrBuild.Request(registry, resourceGroup, images, context, file, platform,
                buildArgs, timeout);
        AcrBuild.Outcome outcome = new AcrBuild(azure.registryManager(), System.err).run(request);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runId", outcome.runId());
        result.put("status", outcome.status());
        result.put("images", outcome.images().stream().map(i -> outcome.loginServer() + "/" + i).toList());
        result.put("seconds", outcome.duration().toSeconds());
        output.print(System.out, result);
        return ExitCode.OK;
    }
}
