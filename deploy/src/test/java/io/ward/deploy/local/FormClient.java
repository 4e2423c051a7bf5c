package io.ward.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser without a browser, for the web console's security tests: keeps cookies and reads the CSRF field. */
final class FormClient {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private String csrfCookieHeader;

    private FormClient(String base) {
        this.base = base;
    }

    /** Opens the login page, as a browser does first, which hands out the CSRF cookie and field. */
    static FormClient open(String base) throws IOException, InterruptedException {
        FormClient client = new FormClient(base);
        client.get("/login");
        return client;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** POSTs a urlencoded form, with the page's CSRF token added when {@code withToken}. */
    HttpResponse<String> post(String path, String form, boolean withToken) throws IOException, InterruptedException {
        String body = withToken ? form + "&csrf-token=" + csrfToken : form;
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts the login form (with or without the page's CSRF token). */
    HttpResponse<String> signIn(String username, String password, boolean withToken)
            throws IOException, InterruptedException {
        return post("/login", "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8), withToken);
    }

    /** The Set-Cookie header that brought the CSRF cookie. */
    String csrfCookieHeader() {
        return csrfCookieHeader;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            if (setCookie.startsWith("ward_csrf=")) {
                csrfCookieHeader = setCookie;
            }
        }
        Matcher m = CSRF_FIELD.matcher(response.body());
        if (m.find()) {
            csrfToken = m.group(1);
        }
        return response;
    }
}
