package io.ward.deploy.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the ELF header of the defender binary: it must be static, because it becomes the entrypoint of images whose
 * libc (musl, none at all) is unknown. A dynamic one starts nowhere but in images with the same loader.
 */
final class DefenderBinaryCheck {

    private static final int PT_INTERP = 3;

    private DefenderBinaryCheck() {
    }

    /** A warning to print, or empty when the file is a static 64-bit ELF executable. */
    static Optional<String> warning(Path binary) throws IOException {
        try (FileChannel file = FileChannel.open(binary)) {
            ByteBuffer header = ByteBuffer.allocate(64);
            file.read(header, 0);
            header.flip();
            if (header.limit() < 64 || header.getInt(0) != 0x7f454c46) {
                return Optional.of(binary + " is not an ELF executable; the image will not start");
            }
            if (header.get(4) != 2) {
                return Optional.of(binary + " is not a 64-bit ELF executable");
            }
            header.order(header.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long phoff = header.getLong(0x20);
            int phentsize = Short.toUnsignedInt(header.getShort(0x36));
            int phnum = Short.toUnsignedInt(header.getShort(0x38));
            ByteBuffer entry = ByteBuffer.allocate(4).order(header.order());
            for (int i = 0; i < phnum; i++) {
                entry.clear();
                file.read(entry, phoff + (long) i * phentsize);
                if (entry.getInt(0) == PT_INTERP) {
                    return Optional.of(binary + " is dynamically linked; it only starts in images with the same loader"
                            + " and libc. Build the static defender (make -C defender, with musl-gcc).");
                }
            }
            return Optional.empty();
        }
    }
}
