package io.ward.deploy.acr;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ward.deploy.ArmWireMock;
import io.ward.deploy.CliRun;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `ward acr build` against WireMock standing in for ARM, ACR and blob storage. */
class AcrBuildTest {

    private static final String RUNS_API = "api-version=2019-06-01-preview";

    @TempDir
    Path context;

    ArmWireMock arm;

    @BeforeEach
    void start() {
        arm = new ArmWireMock();
        AcrStubs.registryAndRun(arm, false);
    }

    @AfterEach
    void stop() {
        arm.close();
    }

    @Test
    void uploadsTheFilteredContextSchedulesADockerBuildAndPollsUntilSucceeded() throws IOException {
        write("Dockerfile", "FROM python:3\nCOPY . /app\n");
        write("app.py", "print('hi')\n");
        write(".dockerignore", "# build junk\n*.log\n!keep.log\nsecrets/\n**/__pycache__\nnode_modules\n/docs/**/*.md\n");
        write("debug.log", "x");
        write("keep.log", "kept");
        write("secrets/key.pem", "PRIVATE");
        write("src/main.py", "main");
        write("src/__pycache__/main.cpython-312.pyc", "bytecode");
        write("node_modules/a/index.js", "js");
        write("docs/guide/intro.md", "md");
        write("docs/guide/diagram.png", "png");
        AcrStubs.runStatuses(arm, "Queued", "Running", "Succeeded");
        AcrStubs.log(arm, "Step 1/2 : FROM python:3\nStep 2/2 : COPY . /app\nSuccessfully pushed myacr.azurecr.io/app:v1\n");

        CliRun run = CliRun.run(arm.args("acr", "build", "--registry", "myacr", "--image", "app:v1",
                "--build-arg", "VERSION=1.2", "--output", "json", context.toString()));

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        JsonNode result = ArmWireMock.json(run.out());
        assertEquals("ca1", result.get("runId").asText());
        assertEquals("Succeeded", result.get("status").asText());
        assertEquals("[\"myacr.azurecr.io/app:v1\"]", result.get("images").toString());
        assertTrue(run.err().contains("Successfully pushed myacr.azurecr.io/app:v1"), "the run log is streamed to stderr: " + run);
        assertFalse(run.out().contains("Step 1/2"), "the log is progress, not a result");
        assertFalse((run.out() + run.err()).contains("UPLOADSECRET") || (run.out() + run.err()).contains("LOGSECRET"),
                "SAS URLs are credentials and never printed");

        String registries = "GET /subscriptions/" + ArmWireMock.SUBSCRIPTION
                + "/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01";
        assertEquals(List.of(
                registries,
                "POST " + AcrStubs.REGISTRY + "/listBuildSourceUploadUrl?" + RUNS_API,
                "PUT " + AcrStubs.UPLOAD_PATH + "?" + AcrStubs.UPLOAD_SAS,
                "POST " + AcrStubs.REGISTRY + "/scheduleRun?" + RUNS_API,
                "POST " + AcrStubs.REGISTRY + "/runs/ca1/listLogSasUrl?" + RUNS_API,
                "GET " + AcrStubs.LOG_PATH + "?sv=2021-08-06&sig=LOGSECRET",
                "GET " + AcrStubs.REGISTRY + "/runs/ca1?" + RUNS_API,
                "GET " + AcrStubs.LOG_PATH + "?sv=2021-08-06&sig=LOGSECRET",
                "GET " + AcrStubs.REGISTRY + "/runs/ca1?" + RUNS_API,
                "GET " + AcrStubs.LOG_PATH + "?sv=2021-08-06&sig=LOGSECRET",
                "GET " + AcrStubs.REGISTRY + "/runs/ca1?" + RUNS_API,
                "GET " + AcrStubs.LOG_PATH + "?sv=2021-08-06&sig=LOGSECRET"), arm.requestLines());

        for (LoggedRequest r : arm.server.findAll(postRequestedFor(urlPathEqualTo(AcrStubs.REGISTRY + "/scheduleRun")))) {
            assertEquals("Bearer " + ArmWireMock.TOKEN, r.getHeader("Authorization"));
            assertEquals(ArmWireMock.json("""
                    {"type":"DockerBuildRequest","imageNames":["app:v1"],"isPushEnabled":true,"dockerFilePath":"Dockerfile",
                     "arguments":[{"name":"VERSION","value":"1.2","isSecret":false}],
                     "platform":{"os":"Linux","architecture":"amd64"},
                     "timeout":3600,"sourceLocation":"source/20261128/context.tar.gz"}"""),
                    ArmWireMock.json(r.getBodyAsString()));
        }
        LoggedRequest upload = arm.server.findAll(putRequestedFor(urlPathEqualTo(AcrStubs.UPLOAD_PATH))).get(0);
        assertEquals("BlockBlob", upload.getHeader("x-ms-blob-type"));
        // WireMock hands back gzip bodies already inflated: the wire carried fewer bytes than the tar it decodes to
        assertTrue(Integer.parseInt(upload.getHeader("Content-Length")) < upload.getBody().length / 4,
                "the PUT body was gzip-compressed");
        Map<String, String> files = untar(upload.getBody());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(".dockerignore", Files.readString(context.resolve(".dockerignore")));
        expected.put("Dockerfile", "FROM python:3\nCOPY . /app\n");
        expected.put("app.py", "print('hi')\n");
        expected.put("docs/guide/diagram.png", "png");
        expected.put("keep.log", "kept");
        expected.put("src/main.py", "main");
        assertEquals(expected, files, "exactly the files .dockerignore leaves in");
    }

    @Test
    void aFailedRunExitsNonZeroWithItsStatusAndLogTail() throws IOException {
        write("Dockerfile", "FROM python:3\nRUN false\n");
        AcrStubs.runStatuses(arm, "Running", "Failed");
        String log = IntStream.rangeClosed(1, 30).mapToObj(i -> "log line " + i).collect(Collectors.joining("\n")) + "\n";
        AcrStubs.log(arm, log);

        CliRun run = CliRun.run(arm.args("acr", "build", "-r", "myacr", "-t", "app:broken", context.toString()));

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out(), "no result on failure");
        String afterMarker = run.err().substring(run.err().indexOf("--- last lines of the run log ---"));
        List<String> tail = new ArrayList<>(afterMarker.lines().toList());
        assertEquals("--- last lines of the run log ---", tail.remove(0));
        assertEquals("ward: ACR run ca1 ended Failed building app:broken", tail.remove(tail.size() - 1));
        assertEquals(IntStream.rangeClosed(11, 30).mapToObj(i -> "log line " + i).toList(), tail);
    }

    @ParameterizedTest(name = "{0} from ARM")
    @CsvSource(delimiter = '|', value = {
        "403 | AuthorizationFailed | The client 'me' with object id 'x' does not have authorization to perform action\\n'Microsoft.ContainerRegistry/registries/read'. | The client 'me' with object id 'x' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/read'.",
        "401 | InvalidAuthenticationToken | The access token is invalid. | The access token is invalid.",
    })
    void unauthorizedOrForbiddenFromArmIsOneClearLineAndExitCode3(int status, String code, String message, String shown)
            throws IOException {
        write("Dockerfile", "FROM scratch\n");
        arm.server.stubFor(get(urlPathEqualTo("/subscriptions/" + ArmWireMock.SUBSCRIPTION
                + "/providers/Microsoft.ContainerRegistry/registries")).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")));

        CliRun run = CliRun.run(arm.args("acr", "build", "-r", "myacr", "-t", "app:v1", context.toString()));

        assertEquals(3, run.exitCode(), run.toString());
        assertEquals("ward: Azure refused the request (" + status + " " + code + ": " + shown + "); check `az login`,"
                + " --subscription and your role on the resource\n", run.err());
    }

    @Test
    void anUnknownRegistryIsExitCode4() throws IOException {
        write("Dockerfile", "FROM scratch\n");
        arm.server.stubFor(get(urlPathEqualTo("/subscriptions/" + ArmWireMock.SUBSCRIPTION
                + "/providers/Microsoft.ContainerRegistry/registries")).atPriority(1).willReturn(okJson("{\"value\":[]}")));

        CliRun run = CliRun.run(arm.args("acr", "build", "-r", "nosuch", "-t", "app:v1", context.toString()));

        assertEquals(4, run.exitCode(), run.toString());
        assertEquals("ward: no container registry named nosuch in the subscription\n", run.err());
    }

    private void write(String name, String content) throws IOException {
        Path file = context.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Map<String, String> untar(byte[] tarBytes) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(tarBytes))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                files.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
