package io.ward.http.problems;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper shared by the services' {@code ProblemResponsesTest}s (published in this module's test-jar): POSTs over a
 * raw socket, so a test can see what the server answers to a body over the limit, and whether it closes the
 * connection afterwards. No HTTP client does that: they wait for the whole body to be sent, and hide the close.
 */
public final class RawPost {

    private RawPost() {
    }

    /** The answer: head (status line and headers), body, and whether the server then closed. */
    public record Reply(String head, String body, boolean closed) {
    }

    /**
     * POSTs {@code body} as JSON with a bearer {@code token} to {@code path} on localhost:{@code port}, in 8K chunks;
     * the answer is read by its Content-Length, and may come before the body is all sent. Fails the test if the
     * connection is closed before a whole head is read.
     */
    public static Reply chunked(int port, String path, String token, byte[] body) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // Written from another thread: a server that stops reading would otherwise block this one.
            Thread writer = new Thread(() -> {
                try {
                    for (int at = 0; at < body.length; at += 8192) {
                        int n = Math.min(8192, body.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedUnderUs) {
                    // the server answered and closed before the whole body was sent
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertTrue(b >= 0, "closed before an answer: " + head);
                head.write(b);
            }
            String headText = head.toString(StandardCharsets.US_ASCII);
            Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n").matcher(headText);
            String text = length.find()
                    ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "";
            boolean closed;
            try {
                closed = in.read() < 0;
            } catch (SocketException reset) {
                closed = true; // closed with part of our body unread, which TCP reports as a reset
            } catch (SocketTimeoutException open) {
                closed = false;
            }
            return new Reply(headText, text, closed);
        }
    }

    /**
     * POSTs to {@code path} on localhost:{@code port} a request that declares a JSON body of {@code length} bytes and
     * sends none of it, and reads the answer until the server closes.
     */
    public static Reply declaring(int port, String path, String token, long length) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = reply.indexOf("\r\n\r\n");
            return new Reply(reply.substring(0, end + 2), reply.substring(end + 4), true);
        }
    }
}
