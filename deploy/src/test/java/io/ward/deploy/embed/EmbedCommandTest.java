package io.ward.deploy.embed;

import io.ward.deploy.CliRun;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `ward embed` flags: where the defender binary comes from, and the flag errors that must change nothing. */
class EmbedCommandTest {

    /** The repository, found before the tests point ward.home at a temporary directory. */
    private static final Path REPOSITORY = io.ward.localpg.LocalService.wardHome();

    @TempDir
    Path dir;

    String previousHome;
    Path dockerfile;

    @BeforeEach
    void setUp() throws IOException {
        previousHome = System.setProperty("ward.home", dir.resolve("home").toString());
        dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM python:3\nENTRYPOINT [\"python\"]\nCMD [\"app.py\"]\n");
    }

    @AfterEach
    void restore() {
        if (previousHome == null) {
            System.clearProperty("ward.home");
        } else {
            System.setProperty("ward.home", previousHome);
        }
    }

    @Test
    void theDefaultDefenderBinaryComesFromTheWardHome() throws IOException {
        Path binary = dir.resolve("home/defender/build/ward-defender");
        Files.createDirectories(binary.getParent());
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});

        CliRun run = CliRun.run("embed", "--app-id", "webadmin-aci", "--console", "http://127.0.0.1:8080",
                "--output-dir", dir.toString(), dockerfile.toString());

        assertEquals(0, run.exitCode(), run.toString());
        try (ZipFile zip = ZipFile.builder().setPath(dir.resolve("app_embedded_embed_webadmin-aci.zip")).get()) {
            assertArrayEquals(Files.readAllBytes(binary), zip.getInputStream(zip.getEntry("ward-defender")).readAllBytes());
        }
        assertTrue(run.out().contains("not embedded: pass WARD_TOKEN at run time"), run.out());
    }

    @Test
    void aDynamicallyLinkedDefenderIsWarnedAbout() throws IOException {
        Path dynamic = Path.of("/bin/true");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(dynamic));

        CliRun run = CliRun.run("embed", "--app-id", "a", "--console", "http://x", "--defender-binary",
                dynamic.toString(), "--output-dir", dir.toString(), dockerfile.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("warning: /bin/true is dynamically linked; it only starts in images with the same loader and libc."
                + " Build the static defender (make -C defender, with musl-gcc).\n", run.err());
    }

    @Test
    void theRealStaticDefenderPassesTheCheck() throws IOException {
        Path real = REPOSITORY.resolve("defender/build/ward-defender");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(real), "the defender is built by the reactor first");

        CliRun run = CliRun.run("embed", "--app-id", "a", "--console", "http://x", "--defender-binary",
                real.toString(), "--output-dir", dir.toString(), dockerfile.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.err(), "a static ELF gets no warning");
    }

    @Test
    void aMissingDefenderBinaryIsAClearError() {
        CliRun run = CliRun.run("embed", "--app-id", "webadmin-aci", "--console", "http://127.0.0.1:8080",
                "--output-dir", dir.toString(), dockerfile.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: the ward-defender binary is missing at " + dir.resolve("home/defender/build/ward-defender")
                + " (build it with `make -C defender` or pass --defender-binary)\n", run.err());
        assertFalse(Files.exists(dir.resolve("app_embedded_embed_webadmin-aci.zip")));
    }

    @Test
    void anAppIdThatIsNotAPlainNameIsRefused() {
        CliRun run = CliRun.run("embed", "--app-id", "../../etc/x", "--console", "http://127.0.0.1:8080",
                "--defender-binary", dockerfile.toString(), "--output-dir", dir.toString(), dockerfile.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: --app-id '../../etc/x' is not valid: use 1-128 letters, digits, '.', '-' or '_', starting"
                + " with a letter or digit\n", run.err());
    }

    @Test
    void aConsoleThatIsNotHttpIsRefused() {
        CliRun run = CliRun.run("embed", "--app-id", "a", "--console", "ftp://x", "--defender-binary",
                dockerfile.toString(), dockerfile.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: --console 'ftp://x' is not an http(s) URL\n", run.err());
    }

    @Test
    void aTokenWithSpacesOrNewlinesIsRefused() {
        CliRun run = CliRun.run("embed", "--app-id", "a", "--console", "http://x", "--token", "wdt_1_x\ntoken-file=/x",
                "--defender-binary", dockerfile.toString(), "--output-dir", dir.toString(), dockerfile.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: --token must be a single printable word (an install token wdt_…)\n", run.err());
    }

    @Test
    void tokenAndMintTokenAreExclusive() {
        CliRun run = CliRun.run("embed", "--app-id", "a", "--console", "http://x", "--token", "wdt_1_x",
                "--mint-token", "--defender-binary", dockerfile.toString(), dockerfile.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("Error: --token=<token>, --mint-token are mutually exclusive"), run.err());
        assertFalse(run.err().contains("wdt_1_x") && !run.err().contains("--token=<token>"), run.err());
    }

    @Test
    void requireRuleReachesTheDefenderConfig() throws IOException {
        Path binary = Files.writeString(dir.resolve("bin"), "x");
        for (boolean require : new boolean[] {false, true}) {
            CliRun run = require
                    ? CliRun.run("embed", "--app-id", "a", "--console", "http://x", "--require-rule", "--defender-binary",
                            binary.toString(), "--output-dir", dir.toString(), dockerfile.toString())
                    : CliRun.run("embed", "--app-id", "a", "--console", "http://x", "--defender-binary",
                            binary.toString(), "--output-dir", dir.toString(), dockerfile.toString());
            assertEquals(0, run.exitCode(), run.toString());
            try (ZipFile zip = ZipFile.builder().setPath(dir.resolve("app_embedded_embed_a.zip")).get()) {
                String conf = new String(zip.getInputStream(zip.getEntry(DockerfileEmbedder.CONFIG_ENTRY)).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertEquals("# ward-defender configuration written by `ward embed`\napp-id=a\nconsole=http://x\n"
                        + "data-folder=/tmp\n" + (require ? "require-rule=true\n" : ""), conf);
            }
        }
    }

    @Test
    void theOriginalDockerfileIsNeverTouched() throws IOException {
        Path binary = Files.writeString(dir.resolve("bin"), "x");
        String before = Files.readString(dockerfile, StandardCharsets.UTF_8);

        CliRun run = CliRun.run("embed", "--app-id", "a", "--console", "http://x", "--defender-binary",
                binary.toString(), "--output-dir", dir.toString(), dockerfile.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(before, Files.readString(dockerfile, StandardCharsets.UTF_8));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".tmp")).count(), "no temp file left");
        }
    }
}
