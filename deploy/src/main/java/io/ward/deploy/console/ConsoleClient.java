package io.ward.deploy.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.deploy.tls.ConsoleTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

/** Talks JSON to a Ward console (the front door or one service) with a bearer token; errors become one-line messages. */
public final class ConsoleClient {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final URI base;
    private final String token;
    private final ConsoleCa ca;
    private final HttpClient http;

    /** A client trusting the system's CAs only. */
    public ConsoleClient(URI base, String token) {
        this(base, token, null);
    }

    /** A client trusting the system's CAs plus {@code ca} (the console's own CA; null for none). */
    public ConsoleClient(URI base, String token, ConsoleCa ca) {
        this.base = stripSlash(base);
        this.token = token;
        this.ca = ca;
        // The JDK's client verifies the chain and the host name; it never follows redirects (Redirect.NEVER).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(ConsoleTrust.context(ca))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Logs in with a username and password, trusting the system's CAs only. */
    public static ConsoleClient login(URI base, String username, String password) {
        return login(base, null, username, password);
    }

    /** Logs in with a username and password; returns a client carrying the issued token. */
    public static ConsoleClient login(URI base, ConsoleCa ca, String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return new ConsoleClient(base, null, ca).withToken(body);
    }

    /** Logs in with an access key (automation); returns a client carrying the issued token. */
    public static ConsoleClient loginWithAccessKey(URI base, ConsoleCa ca, String accessKeyId, String secret) {
        ObjectNode body = JSON.createObjectNode().put("accessKeyId", accessKeyId).put("secret", secret);
        return new ConsoleClient(base, null, ca).withToken(body);
    }

    private ConsoleClient withToken(ObjectNode credentials) {
        JsonNode reply = send("POST", "/api/v1/auth/token", credentials, Map.of());
        return new ConsoleClient(base, reply.path("token").asText(), ca);
    }

    public URI base() {
        return base;
    }

    /** The console's own CA this client trusts besides the system's, or null. */
    public ConsoleCa ca() {
        return ca;
    }

    public String token() {
        return token;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of());
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Sends a JSON request and returns the JSON reply (an empty object for an empty body). */
    public JsonNode send(String method, String path, Object body, Map<String, String> headers) {
        HttpResponse<String> response = exchange(method, path, body, headers, "application/json",
                HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        try {
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new ConsoleException(response.statusCode(), method + " " + path + " returned a body that is not JSON");
        }
    }

    /** Streams a reply body (for CSV exports); the caller closes it. */
    public InputStream stream(String path, String accept) {
        return exchange("GET", path, null, Map.of(), accept, HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private <T> HttpResponse<T> exchange(String method, String path, Object body, Map<String, String> headers,
                                         String accept, HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(90)).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<T> response = http.send(request.build(), handler);
            if (response.statusCode() >= 400) {
                throw ConsoleException.from(method, path, response.statusCode(), readError(response.body()));
            }
            return response;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(0, "interrupted");
        }
    }

    /** Why the console could not be talked to, with the fix when it is a TLS problem. */
    private ConsoleException unreachable(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SSLHandshakeException) {
            return new ConsoleException(0, "refused the Ward console at " + base + ": its TLS certificate is not trusted ("
                    + why + "); if it comes from the console's own CA, pass that CA with --ca-file");
        }
        if ("http".equals(base.getScheme()) && !(e instanceof ConnectException)
                && !(e instanceof HttpConnectTimeoutException)) {
            return new ConsoleException(0, "cannot talk to the Ward console at " + base + ": " + why
                    + " (does it serve HTTPS only? then use https://" + base.getRawAuthority() + ")");
        }
        return new ConsoleException(0, "cannot reach the Ward console at " + base + ": " + why);
    }

    private static String readError(Object body) throws IOException {
        if (body instanceof String s) {
            return s;
        }
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** Builds {@code ?k=v&…} from the non-null values, URL-encoded. */
    public static String query(Map<String, ?> params) {
        String q = params.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().toString().isEmpty())
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue().toString()))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    /** URL-encodes one path segment (rule names contain spaces). */
    public static String segment(String s) {
        return enc(s).replace("+", "%20");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
