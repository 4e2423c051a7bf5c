package io.ward.deploy.embed;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code app_embedded_embed_<app-id>.zip}: the rewritten Dockerfile, the defender binary (mode 0755), its
 * config, the optional token (mode 0600) and the console's CA certificate when it has its own. Written to a temporary file and moved into place, so a failure never
 * leaves a half-written bundle.
 */
public final class EmbedBundle {

    private EmbedBundle() {
    }

    public static String fileName(String appId) {
        return "app_embedded_embed_" + appId + ".zip";
    }

    public static Path write(Path outputDir, String appId, String dockerfile, Path defenderBinary, String config,
                             String token, String consoleCaPem) throws IOException {
        Files.createDirectories(outputDir);
        Path target = outputDir.resolve(fileName(appId));
        Path temp = Files.createTempFile(outputDir, ".ward-embed-", ".zip.tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temp);
                 ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
                add(zip, "Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), 0644);
                add(zip, DockerfileEmbedder.BINARY_ENTRY, Files.readAllBytes(defenderBinary), 0755);
                add(zip, DockerfileEmbedder.CONFIG_ENTRY, config.getBytes(StandardCharsets.UTF_8), 0644);
                if (token != null) {
                    add(zip, DockerfileEmbedder.TOKEN_ENTRY, token.getBytes(StandardCharsets.UTF_8), 0600);
                }
                if (consoleCaPem != null) {
                    add(zip, DockerfileEmbedder.CA_ENTRY, consoleCaPem.getBytes(StandardCharsets.US_ASCII), 0644);
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void add(ZipArchiveOutputStream zip, String name, byte[] content, int mode) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(0100000 | mode);
        entry.setSize(content.length);
        zip.putArchiveEntry(entry);
        zip.write(content);
        zip.closeArchiveEntry();
    }
}
