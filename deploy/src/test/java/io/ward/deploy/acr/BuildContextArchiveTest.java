package io.ward.deploy.acr;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The build-context archive: gzip tar, .dockerignore honoured, the Dockerfile always kept, executable bits kept. */
class BuildContextArchiveTest {

    @TempDir
    Path context;

    @Test
    void writesAGzipTarOfTheNonIgnoredFilesWithTheirModes() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(context.resolve(".dockerignore"), "*\n!run.sh\n");
        Path script = Files.writeString(context.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(context.resolve("notes.txt"), "ignored");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> files = BuildContextArchive.write(context, "Dockerfile", out);

        assertEquals(List.of("Dockerfile", "run.sh"), files, "the Dockerfile is sent even when .dockerignore matches it");
        byte[] bytes = out.toByteArray();
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
        Map<String, Integer> modes = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(bytes)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                modes.put(e.getName(), e.getMode() & 0777);
            }
        }
        assertEquals(Map.of("Dockerfile", 0644, "run.sh", 0755), modes);
    }

    @Test
    void aMissingDockerfileIsAClearError() throws IOException {
        Files.writeString(context.resolve("app.py"), "x");
        var error = assertThrows(io.ward.deploy.CliException.class,
                () -> BuildContextArchive.write(context, "Dockerfile", new ByteArrayOutputStream()));
        assertEquals("no Dockerfile at " + context.resolve("Dockerfile"), error.getMessage());
        assertEquals(2, error.exitCode());
    }
}
