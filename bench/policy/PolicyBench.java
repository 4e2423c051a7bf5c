// policy-service benchmark: resolve throughput with an ETag hit (304) vs a full 200, and the time until 1,000
// parked long-polls have all answered after a rule update. Starts a throw-away PostgreSQL and the built service.
import io.ward.localpg.LocalPostgres;
import io.ward.localpg.LocalService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PolicyBench {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 4);
    static final int SECONDS = Integer.getInteger("seconds", 10);
    static final int POLLS = Integer.getInteger("polls", 1000);
    static final int ROUNDS = Integer.getInteger("rounds", 5);
    static final String RULES = "/api/v1/policies/runtime/app-embedded";
    static final String APP = "bench-app";
    // HTTP/1.1 as the defender speaks it; the JDK's default h2c upgrade would funnel everything through one connection.
    static final HttpClient HTTP = client();
    /** Parked polls come from several clients (each has one selector thread), as they would from many defenders. */
    static final HttpClient[] POLLERS = {client(), client(), client(), client()};

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        Path home = LocalService.wardHome();
        Path logs = home.resolve("bench/policy/target");
        try (LocalPostgres pg = LocalPostgres.startTemporary()) {
            String adminPassword = UUID.randomUUID().toString();
            Map<String, String> env = new HashMap<>(LocalService.databaseEnv(pg));
            env.put("WARD_ADMIN_PASSWORD", adminPassword);
            try (LocalService policy = LocalService.start(home, "policy-service", LocalService.freePort(), env,
                    logs.resolve("policy-service.log"), Duration.ofSeconds(120))) {
                String base = policy.baseUrl();
                String token = login(base, adminPassword);
                send(base, token, "POST", RULES, rule("bench rule", "first"), 201);
                System.out.printf("policy-service benchmark (%d cores, client and server on the same machine)%n",
                        Runtime.getRuntime().availableProcessors());
                resolveThroughput(base, token);
                wakeUps(base, token);
            }
        }
    }

    static void resolveThroughput(String base, String token) throws Exception {
        String etag = "\"" + revision(base, token) + "\"";
        System.out.printf("%n1. resolve, %d concurrent clients, %d s each (after a 3 s warm-up)%n", CONCURRENCY, SECONDS);
        measure(base, token, null, 200, 3);
        measure(base, token, etag, 304, 3);
        double full = measure(base, token, null, 200, SECONDS);
        double hit = measure(base, token, etag, 304, SECONDS);
        System.out.printf("   full 200 body      : %,10.0f requests/s%n", full);
        System.out.printf("   ETag hit (304)     : %,10.0f requests/s%n", hit);
        System.out.printf("   ratio 304 / 200    : %10.2fx%n", hit / full);
    }

    /** Requests per second over {@code seconds}, every reply checked for {@code status}. */
    static double measure(String base, String token, String ifNoneMatch, int status, int seconds) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + RULES + "/resolve?appId=" + APP))
                .header("Authorization", "Bearer " + token).GET();
        if (ifNoneMatch != null) {
            builder.header("If-None-Match", ifNoneMatch);
        }
        HttpRequest request = builder.build();
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CONCURRENCY; i++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    if (reply.statusCode() != status) {
                        throw new IllegalStateException("expected " + status + ", got " + reply.statusCode());
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (var r : running) {
            r.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        return done.get() / elapsed;
    }

    static void wakeUps(String base, String token) throws Exception {
        System.out.printf("%n2. %d parked long-polls (wait=60s), then one rule update; %d rounds%n", POLLS, ROUNDS);
        List<Double> all = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long known = revision(base, token);
            HttpRequest poll = HttpRequest.newBuilder(URI.create(base + RULES + "/resolve?appId=" + APP + "&wait=60s"))
                    .header("Authorization", "Bearer " + token)
                    .header("If-None-Match", "\"" + known + "\"")
                    .timeout(Duration.ofSeconds(90)).GET().build();
            long[] answeredAt = new long[POLLS];
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < POLLS; i++) {
                int index = i;
                replies.add(POLLERS[i % POLLERS.length].sendAsync(poll, HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> answeredAt[index] = System.nanoTime()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Map<String, Double> metrics = metrics(base, token);
            while (metrics.getOrDefault("ward_policy_parked_polls", 0.0) < POLLS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + metrics.get("ward_policy_parked_polls") + " polls parked");
                }
                Thread.sleep(50);
                metrics = metrics(base, token);
            }
            double threads = metrics.getOrDefault("jvm_threads_live_threads", -1.0);

            long updateSent = System.nanoTime();
            send(base, token, "PUT", RULES + "/bench%20rule", rule("bench rule", "round " + round), 200);
            long updateDone = System.nanoTime();
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            double[] millis = new double[POLLS];
            for (int i = 0; i < POLLS; i++) {
                HttpResponse<String> reply = replies.get(i).get();
                if (reply.statusCode() != 200 || !reply.body().contains("\"revision\":" + (known + 1))) {
                    throw new IllegalStateException("poll " + i + " answered " + reply.statusCode() + " " + reply.body());
                }
                millis[i] = (answeredAt[i] - updateSent) / 1e6;
                all.add(millis[i]);
            }
            Arrays.sort(millis);
            System.out.printf("   round %d: update took %6.1f ms; polls answered after the update was sent: p50 %6.1f, p99 %6.1f,"
                            + " all %6.1f ms (first to last %6.1f ms); server threads while parked: %.0f%n",
                    round, (updateDone - updateSent) / 1e6, pct(millis, 50), pct(millis, 99), millis[POLLS - 1],
                    millis[POLLS - 1] - millis[0], threads);
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("   all rounds (%d wake-ups): p50 %.1f ms, p99 %.1f ms, max %.1f ms  (target p99 <= 250 ms: %s)%n",
                sorted.length, pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1],
                pct(sorted, 99) <= 250 ? "met" : "NOT met");
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String rule(String name, String notes) {
        return "{\"name\":\"" + name + "\",\"notes\":\"" + notes + "\",\"scope\":{\"appIds\":[\"*\"]},"
                + "\"processes\":{\"enabled\":true,\"allowed\":[\"python\",\"python3\",\"/usr/local/bin/python3.9\","
                + "\"/usr/src/app/app.py\"],\"denied\":[],\"effect\":\"alert\",\"cryptoMiners\":true,\"modifiedBinaries\":true},"
                + "\"network\":{\"enabled\":true,\"listeningPorts\":[\"5000\"],\"effect\":\"alert\"},"
                + "\"dns\":{\"enabled\":true,\"denied\":[\"*.evil.example\"],\"effect\":\"alert\"}}";
    }

    static String login(String base, String password) throws Exception {
        String body = send(base, null, "POST", "/api/v1/auth/token",
                "{\"username\":\"admin\",\"password\":\"" + password + "\"}", 200);
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return m.group(1);
    }

    static long revision(String base, String token) throws Exception {
        Matcher m = Pattern.compile("\"revision\":(\\d+)").matcher(send(base, token, "GET", RULES, null, 200));
        if (!m.find()) {
            throw new IllegalStateException("no revision");
        }
        return Long.parseLong(m.group(1));
    }

    /** Prometheus gauges and counters by name (labels dropped, values of the same name summed). */
    static Map<String, Double> metrics(String base, String token) throws Exception {
        Map<String, Double> values = new HashMap<>();
        for (String line : send(base, token, "GET", "/q/metrics", null, 200).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String name = line.split("[{ ]", 2)[0];
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            values.merge(name, value, Double::sum);
        }
        return values;
    }

    static String send(String base, String token, String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return reply.body();
    }
}
