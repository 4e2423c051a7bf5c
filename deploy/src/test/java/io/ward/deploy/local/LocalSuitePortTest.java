package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ward.localpg.LocalService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A second `ward up` on a busy port says so in one line and starts nothing. */
class LocalSuitePortTest {

    @Test
    void busyPortIsReportedBeforeAnythingStarts() throws Exception {
        Path data = Files.createTempDirectory("ward-up-busy-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            LocalSuite.PortBusyException e = assertThrows(LocalSuite.PortBusyException.class,
                    () -> LocalSuite.start(LocalService.wardHome(),
                            new LocalSuite.Options(data, "127.0.0.1", taken.getLocalPort(), "unused", false),
                            new PrintStream(progress)));
            assertEquals("127.0.0.1:" + taken.getLocalPort()
                    + " is already in use (another `ward up`?); choose another with --port", e.getMessage());
            assertEquals("", progress.toString(), "nothing was started");
            assertFalse(Files.exists(data.resolve("postgres")), "no database was created");
        }
    }
}
