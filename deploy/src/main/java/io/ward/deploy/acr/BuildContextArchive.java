package io.ward.deploy.acr;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Packs a Docker build context as a gzip tar, leaving out what its .dockerignore excludes (but never the Dockerfile). */
public final class BuildContextArchive {

    private BuildContextArchive() {
    }

    /** Writes the archive; returns the relative paths it holds, in archive order. */
    public static List<String> write(Path context, String dockerfile, OutputStream target) throws IOException {
        if (!Files.isDirectory(context)) {
            throw new CliException(ExitCode.USAGE, "the build context " + context + " is not a directory");
        }
        DockerIgnore ignore = DockerIgnore.load(context);
        List<String> files = new ArrayList<>();
        collect(context, context, ignore, dockerfile, files);
        if (!files.contains(dockerfile)) {
            throw new CliException(ExitCode.USAGE, "no Dockerfile at " + context.resolve(dockerfile));
        }
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(new NonClosing(target));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String name : files) {
                Path file = context.resolve(name);
                if (Files.isSymbolicLink(file)) {
                    TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(Files.readSymbolicLink(file).toString());
                    tar.putArchiveEntry(link);
                } else {
                    TarArchiveEntry entry = new TarArchiveEntry(file, name);
                    entry.setMode(0100000 | (isExecutable(file) ? 0755 : 0644));
                    tar.putArchiveEntry(entry);
                    Files.copy(file, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return files;
    }

    private static void collect(Path root, Path dir, DockerIgnore ignore, String dockerfile, List<String> files)
            throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String name = root.relativize(child).toString().replace('\\', '/');
            boolean ignored = ignore.isIgnored(name) && !name.equals(dockerfile);
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                // an ignored directory may still hold a re-included ("!") file, so only skip it when none exists
                if (!ignored || ignore.hasExceptions() || dockerfile.startsWith(name + "/")) {
                    collect(root, child, ignore, dockerfile, files);
                }
            } else if (!ignored) {
                files.add(name);
            }
        }
    }

    private static boolean isExecutable(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        }
    }

    /** Lets the caller keep its stream open after the archive is finished. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
