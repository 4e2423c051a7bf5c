package io.ward.deploy.embed;

import io.ward.deploy.CliRun;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embed table: every case runs `ward embed` end to end, compares the rewritten Dockerfile with the expected text,
 * and parses the output again to check that the defender wraps exactly the original command (written by hand in the
 * case) and that `docker run image ARGS` would still only replace CMD.
 */
class EmbedTableTest {

    private static final Path CASES = Path.of("src/test/resources/embed-cases");
    /** Plain http: these cases are about Dockerfiles, and an https console would be asked for its certificate. */
    private static final String CONSOLE = "http://ward.example.com";

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> embedTable() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(CASES)) {
            files = list.filter(p -> p.toString().endsWith(".case")).sorted().toList();
        }
        assertTrue(files.size() >= 30, "the table has at least 30 Dockerfiles, found " + files.size());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(EmbedCase.read(file))));
    }

    private void check(EmbedCase c) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(c.name()));
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, c.dockerfile(), StandardCharsets.UTF_8);
        Path binary = dir.resolve("defender-under-test");
        byte[] binaryBytes = ("ward-defender bytes for " + c.name()).getBytes(StandardCharsets.UTF_8);
        Files.write(binary, binaryBytes);
        Path out = dir.resolve("out");

        List<String> args = new ArrayList<>(List.of("embed", "--app-id", "webadmin-aci", "--console", CONSOLE,
                "--data-folder", "/tmp", "--defender-binary", binary.toString(), "--output-dir", out.toString()));
        args.addAll(c.args());
        args.add(dockerfile.toString());
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(c.dockerfile(), Files.readString(dockerfile, StandardCharsets.UTF_8), "the input is never modified");
        Path zip = out.resolve("app_embedded_embed_webadmin-aci.zip");

        if (c.refused() != null) {
            int space = c.refused().indexOf(' ');
            assertEquals(Integer.parseInt(c.refused().substring(0, space)), run.exitCode(), run.toString());
            assertTrue(run.err().startsWith("ward: " + c.refused().substring(space + 1)), run.toString());
            assertEquals(1, run.err().strip().lines().count(), "one line on stderr: " + run);
            assertFalse(Files.exists(zip), "a refused Dockerfile writes no zip");
            assertTrue(!Files.exists(out) || isEmpty(out), "nothing half-written is left behind");
            return;
        }
        assertEquals(0, run.exitCode(), run.toString());
        if (c.warning() != null) {
            assertTrue(run.err().contains("warning: " + c.warning()), run.toString());
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Integer> modes = new LinkedHashMap<>();
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                entries.put(e.getName(), z.getInputStream(e).readAllBytes());
                modes.put(e.getName(), e.getUnixMode() & 0777);
            }
        }
        String token = tokenArg(c.args());
        List<String> names = token == null
                ? List.of("Dockerfile", "ward-defender", "ward-defender.conf")
                : List.of("Dockerfile", "ward-defender", "ward-defender.conf", "ward-defender.token");
        assertEquals(names, List.copyOf(entries.keySet()));
        assertArrayEquals(binaryBytes, entries.get("ward-defender"));
        assertEquals(0755, modes.get("ward-defender"));
        assertEquals("# ward-defender configuration written by `ward embed`\napp-id=webadmin-aci\nconsole=" + CONSOLE
                + "\ndata-folder=/tmp\n" + (token == null ? "" : "token-file=/etc/ward/token\n"),
                new String(entries.get("ward-defender.conf"), StandardCharsets.UTF_8));
        if (token != null) {
            assertEquals(token, new String(entries.get("ward-defender.token"), StandardCharsets.UTF_8));
            assertEquals(0600, modes.get("ward-defender.token"));
            assertFalse(run.out().contains(token) || run.err().contains(token), "the token is never printed");
        }
        String rewritten = new String(entries.get("Dockerfile"), StandardCharsets.UTF_8);
        assertEquals(c.expected(), rewritten);

        // parse the output again: the defender wraps exactly the original command, CMD is untouched
        List<Instruction> parsed = new DockerfileParser("Dockerfile").parse(rewritten);
        ImageConfig config = new StageResolver("Dockerfile").resolve(parsed);
        List<String> wrapped = new ArrayList<>(DockerfileEmbedder.DEFENDER_PREFIX);
        wrapped.addAll(c.entrypoint());
        assertEquals(wrapped, config.entrypoint().argv(), "ENTRYPOINT = defender + original ENTRYPOINT");
        assertEquals(c.cmd(), config.cmd().argv(), "CMD is the original CMD");
        List<String> argv = new ArrayList<>(DockerfileEmbedder.DEFENDER_PREFIX);
        argv.addAll(c.entrypoint());
        argv.addAll(c.cmd());
        assertEquals(argv, config.argv(), "docker run image = defender run -- <original argv>");
        assertFalse(config.entrypoint().shellForm(), "the new ENTRYPOINT is exec form (works without a shell)");
        assertEquals(c.dockerfile(), rewritten.substring(0, c.dockerfile().length()), "the original lines are kept as they were");
    }

    private static String tokenArg(List<String> args) {
        int i = args.indexOf("--token");
        return i < 0 ? null : args.get(i + 1);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
