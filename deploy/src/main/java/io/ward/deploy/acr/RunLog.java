package io.ward.deploy.acr;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Follows an ACR run's log blob (the SAS URL from getLogSasUrl) by reading only the bytes not yet seen, and keeps
 * the whole text for the failure message's tail.
 */
final class RunLog {

    private final HttpClient http;
    private final URI url;
    private final StringBuilder text = new StringBuilder();
    private long offset;

    RunLog(HttpClient http, String sasUrl) {
        this.http = http;
        this.url = URI.create(sasUrl);
    }

    /**
     * Copies new log bytes to {@code progress}. A log not written yet (404), nothing new (416) or a failed read is
     * fine: the log is progress, the run's status decides the outcome, and the next call catches up.
     */
    void pump(PrintStream progress) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Range", "bytes=" + offset + "-").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return;
        }
        byte[] body = response.body();
        if (response.statusCode() == 200 && offset > 0) {
            // the server ignored the range: skip what was already printed
            body = offset >= body.length ? new byte[0] : Arrays.copyOfRange(body, (int) offset, body.length);
        } else if (response.statusCode() != 200 && response.statusCode() != 206) {
            return;
        }
        offset += body.length;
        String chunk = new String(body, StandardCharsets.UTF_8);
        text.append(chunk);
        progress.print(chunk);
        progress.flush();
    }

    /** The last {@code lines} lines of what was read. */
    List<String> tail(int lines) {
        List<String> all = text.toString().lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }
}
