package io.ward.console.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateInstance;
import io.ward.console.client.ApiException;
import io.ward.console.client.PolicyServiceApi;
import io.ward.console.config.ConsoleConfig;
import io.ward.console.session.ConsoleSession;
import io.ward.console.session.SessionFilter;
import io.ward.console.session.SessionStore;
import io.ward.http.problems.Roles;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/** Sign in with a Ward user (exchanged at policy-service for a token, kept server-side) and sign out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyServiceApi policy;
    private final SessionStore sessions;
    private final ConsoleConfig config;

    public LoginResource(@RestClient PolicyServiceApi policy, SessionStore sessions, ConsoleConfig config) {
        this.policy = policy;
        this.sessions = sessions;
        this.config = config;
    }

    @GET
    @Path("login")
    public TemplateInstance loginPage() {
        return Templates.login("", null);
    }

    @POST
    @Path("login")
    public Response login(@RestForm String username, @RestForm String password, @Context UriInfo uri) {
        String user = username == null ? "" : username.trim();
        if (user.isEmpty() || password == null || password.isEmpty()) {
            return Response.status(400).entity(Templates.login(user, "Enter your username and password.")).build();
        }
        PolicyServiceApi.IssuedToken issued;
        try {
            issued = policy.token(new PolicyServiceApi.PasswordLogin(user, password));
        } catch (ApiException e) {
            String message = switch (e.status()) {
                case 401 -> "Wrong username or password.";
                case 429 -> "Too many failed sign-ins; wait a minute and try again.";
                default -> "Signing in failed: " + e.detail();
            };
            return Response.status(e.status() == 429 ? 429 : 401).entity(Templates.login(user, message)).build();
        }
        ConsoleSession session = sessions.open(user, role(issued.token()), issued.token(), issued.expiresAt());
        return Redirect.to("/audits").cookie(sessionCookie(session.id(), false, uri)).build();
    }

    @POST
    @Path("logout")
    public Response logout(@CookieParam(SessionFilter.COOKIE) String id, @Context UriInfo uri) {
        sessions.close(id);
        return Redirect.to("/login").cookie(sessionCookie("", true, uri)).build();
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it), Secure under TLS. */
    private NewCookie sessionCookie(String value, boolean expire, UriInfo uri) {
        boolean tls = config.secureCookies() || "https".equals(uri.getRequestUri().getScheme());
        return new NewCookie.Builder(SessionFilter.COOKIE).value(value).path("/").httpOnly(true).secure(tls)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(expire ? 0 : -1).build();
    }

    /**
     * The role in the token's {@code groups} claim. The console reads it only to choose which controls to show; the
     * services verify the token's signature and decide what it may do.
     */
    static String role(String token) {
        String[] parts = token.split("\\.");
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.path("groups").path(0).asText(Roles.AUDITOR);
        } catch (IOException | RuntimeException e) {
            return Roles.AUDITOR;
        }
    }
}
