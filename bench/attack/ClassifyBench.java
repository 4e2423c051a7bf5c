// Classify throughput benchmark for attack-mapper: one call of 1,000 audits to /api/v1/attack/classify, measured side
// by side with the same call to the echo baseline (same HTTP, auth, JSON and validation path, no rules), in one run.
// Usage (run.sh does this): java ClassifyBench.java <base-url> <private-key.pem> <labelled-commands.tsv> [rounds]
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

public class ClassifyBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = sign(Files.readString(Path.of(args[1])));
        String body = batch(Files.readAllLines(Path.of(args[2])));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        HttpClient client = HttpClient.newHttpClient();

        System.out.printf("batch: 1000 audits (%d KiB), %d rounds each, alternating, after %d warm-up rounds%n",
                body.length() / 1024, rounds, rounds / 2);
        for (int i = 0; i < rounds / 2; i++) {
            call(client, base + "/api/v1/attack/bench/echo", token, body);
            call(client, base + "/api/v1/attack/classify", token, body);
        }
        long[] echo = new long[rounds];
        long[] classify = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            echo[i] = call(client, base + "/api/v1/attack/bench/echo", token, body);
            classify[i] = call(client, base + "/api/v1/attack/classify", token, body);
        }
        report("echo baseline (parse+validate)", echo);
        report("classify", classify);
        System.out.printf("ratio classify/echo (median time per call): %.2fx%n",
                (double) median(classify) / median(echo));
        System.out.printf("classification alone: %.1f µs per audit%n", (median(classify) - median(echo)) / 1000.0 / 1000);
    }

    private static void report(String name, long[] nanos) {
        long median = median(nanos);
        long p95 = percentile(nanos, 0.95);
        System.out.printf("%-32s p50 %7.2f ms  p95 %7.2f ms  -> %,9.0f audits/s%n", name, median / 1e6, p95 / 1e6,
                1000 / (median / 1e9));
    }

    private static long call(HttpClient client, String url, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }

    /** 1,000 audits: 80% process audits cycling through the labelled command lines, 10% network, 10% DNS. */
    private static String batch(List<String> tsv) {
        List<String> commands = tsv.stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t")[1]).toList();
        int[] ports = {4444, 443, 53, 80, 5432, 22, 3333, 8080, 21, 31337};
        String[] domains = {"pool.supportxmr.com", "api.github.com", "abc.oast.fun", "evil.example", "x.tcp.ngrok.io"};
        List<String> audits = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String id = UUID.randomUUID().toString();
            if (i % 10 == 8) {
                audits.add("{\"id\":\"" + id + "\",\"type\":\"network\",\"reason\":\"outbound\",\"network\":"
                        + "{\"direction\":\"outbound\",\"protocol\":\"tcp\",\"ip\":\"203.0.113.9\",\"port\":"
                        + ports[i % ports.length] + "}}");
            } else if (i % 10 == 9) {
                audits.add("{\"id\":\"" + id + "\",\"type\":\"dns\",\"reason\":\"dns\",\"dns\":{\"domain\":\""
                        + domains[i % domains.length] + "\",\"queryType\":\"A\"}}");
            } else {
                audits.add("{\"id\":\"" + id + "\",\"type\":\"processes\",\"reason\":\"not-allowed\",\"process\":"
                        + "{\"path\":\"/bin/dash\",\"command\":" + quote(commands.get(i % commands.size()))
                        + ",\"parentPath\":\"/usr/local/bin/python3.9\"}}");
            }
        }
        return "[" + String.join(",", audits) + "]";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An RS256 Ward token for role auditor, signed with the benchmark's throw-away key. */
    private static String sign(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"ward\",\"sub\":\"bench\",\"upn\":\"bench\",\"groups\":[\"auditor\"],\"iat\":"
                + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static long median(long[] values) {
        return percentile(values, 0.5);
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
