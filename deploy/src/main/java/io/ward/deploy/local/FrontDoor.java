package io.ward.deploy.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.ward.deploy.ConsoleRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The console's one front door for local runs: routes the contract's path prefixes to the three services and
 * streams requests and responses through (long-polls and CSV exports included). With an {@link SSLContext} it serves
 * HTTPS only (TLS 1.2 and 1.3): a plain-http request on that port gets no HTTP answer, the connection is closed.
 */
public final class FrontDoor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FrontDoor.class.getName());
    /** Headers that describe one hop, or that the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "expect", "http2-settings");
    /**
     * Headers that say who the client is and how it connected: the front door is the edge, so it writes them from the
     * connection and drops whatever a client sent (policy-service throttles logins by X-Forwarded-For).
     */
    private static final Set<String> SET_BY_THE_FRONT_DOOR = Set.of("x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "forwarded");
    /** Long-polls wait up to 60 s upstream; give them room. */
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(75);
    private static final int MAX_CONCURRENT = 1024;

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final HttpClient client;
    private final List<Route> routes;
    private final String scheme;
    private volatile boolean closing;

    /** The web console's route: the last one, taking every path that is not an API path. */
    /** Where paths go: an API route of {@link ConsoleRoutes}, or (no {@code api}) every path outside /api/. */
    public record Route(ConsoleRoutes.ApiRoute api, String upstream) {
        boolean matches(String path) {
            return api == null ? !ConsoleRoutes.isApi(path) : api.matches(path);
        }

        String prefix() {
            return api == null ? "/" : api.prefix();
        }
    }

    private FrontDoor(HttpServer server, ThreadPoolExecutor workers, List<Route> routes) {
        this.server = server;
        this.workers = workers;
        this.routes = routes;
        this.scheme = server instanceof HttpsServer ? "https" : "http";
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@link ConsoleRoutes} for the three services' base URLs, then the web console for every path outside /api/. */
    public static List<Route> contractRoutes(String policyService, String eventService, String attackMapper,
                                             String webConsole) {
        Map<ConsoleRoutes.Part, String> upstreams = Map.of(ConsoleRoutes.Part.POLICY_SERVICE, policyService,
                ConsoleRoutes.Part.EVENT_SERVICE, eventService, ConsoleRoutes.Part.ATTACK_MAPPER, attackMapper);
        List<Route> routes = new ArrayList<>();
        ConsoleRoutes.API.forEach(api -> routes.add(new Route(api, upstreams.get(api.part()))));
        routes.add(new Route(null, webConsole));
        return List.copyOf(routes);
    }

    /**
     * Starts listening on {@code host:port}: HTTPS with {@code tls}'s certificate, or plain HTTP when {@code tls} is null.
     *
     * @throws BindException when the port is taken (the caller says so in one line)
     */
    public static FrontDoor start(String host, int port, List<Route> routes, SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, 512);
        } else {
            HttpsServer https = HttpsServer.create(address, 512);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    params.setSSLParameters(parameters);
                }
            });
            server = https;
        }
        ThreadPoolExecutor workers = new ThreadPoolExecutor(MAX_CONCURRENT, MAX_CONCURRENT, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "front-door");
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        FrontDoor door = new FrontDoor(server, workers, routes);
        server.createContext("/", door::handle);
        server.setExecutor(workers);
        server.start();
        return door;
    }

    /** "https" or "http". */
    public String scheme() {
        return scheme;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if ("/healthz".equals(path)) {
                reply(exchange, 200, "application/json", "{\"status\":\"UP\"}");
                return;
            }
            Route route = routes.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
            if (route == null) {
                reply(exchange, 404, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no Ward service serves "
                                + jsonEscape(path) + "\"}");
                return;
            }
            forward(exchange, route);
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        }
    }

    private void forward(HttpExchange exchange, Route route) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create(route.upstream() + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(UPSTREAM_TIMEOUT);
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !SET_BY_THE_FRONT_DOOR.contains(name)) {
                header.getValue().forEach(v -> request.header(header.getKey(), v));
            }
        }
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Proto", scheme);
        boolean hasBody = exchange.getRequestHeaders().containsKey("Content-Length")
                ? !"0".equals(exchange.getRequestHeaders().getFirst("Content-Length"))
                : exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        InputStream requestBody = exchange.getRequestBody();
        request.method(exchange.getRequestMethod(), hasBody
                ? HttpRequest.BodyPublishers.ofInputStream(() -> requestBody)
                : HttpRequest.BodyPublishers.noBody());

        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            if (!closing) {
                LOG.warning("upstream " + route.upstream() + " failed: " + e.getMessage());
            }
            reply(exchange, 502, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"the service behind "
                            + jsonEscape(route.prefix()) + " is not answering\"}");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream body = response.body()) {
            if (status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            // 0 means chunked: CSV exports stream through without being held in memory.
            exchange.sendResponseHeaders(status, length > 0 ? length : (length == 0 ? -1 : 0));
            try (OutputStream out = exchange.getResponseBody()) {
                body.transferTo(out);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        server.stop(0);
        workers.shutdownNow();
    }
}
