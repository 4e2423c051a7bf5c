package io.ward.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ward.console.rest.SecurityHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signing in against the real policy-service: the session cookie's flags over plain HTTP and behind a TLS front
 * door, the CSRF check on the login form, the CSP of the login page.
 */
@QuarkusTest
@QuarkusTestResource(value = PolicyServiceStack.class, restrictToAnnotatedClass = true)
class SignInTest {

    @Test
    void behindATlsFrontDoorTheSessionCookieIsSecureHttpOnlyAndStrict() {
        String cookie = sessionCookie(signIn("https"));
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
    }

    @Test
    void overPlainHttpTheSessionCookieIsNotSecure() {
        String cookie = sessionCookie(signIn("http"));
        assertFalse(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }

    @Test
    void aLoginFormWithoutTheCsrfTokenIsRefusedAndOpensNoSession() {
        Response form = given().get("/login");
        Response refused = given().cookie("ward_csrf", form.getCookie("ward_csrf"))
                .formParam("username", "admin").formParam("password", PolicyServiceStack.ADMIN_PASSWORD)
                .redirects().follow(false).post("/login");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.headers().getValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("ward_session=")));
    }

    @Test
    void aWrongPasswordIsSaidOnThePageWithItsCsp() {
        Response form = given().get("/login");
        given().cookie("ward_csrf", form.getCookie("ward_csrf")).formParam("csrf-token", csrfField(form))
                .formParam("username", "admin").formParam("password", "not-it")
                .post("/login")
                .then().statusCode(401)
                .header("Content-Security-Policy", SecurityHeaders.CSP)
                .body(containsString("<p class=\"problem\" role=\"alert\" id=\"login-error\">Wrong username or password.</p>"));
    }

    private static Response signIn(String proto) {
        Response form = given().get("/login");
        Response login = given().header("X-Forwarded-Proto", proto)
                .cookie("ward_csrf", form.getCookie("ward_csrf")).formParam("csrf-token", csrfField(form))
                .formParam("username", "admin").formParam("password", PolicyServiceStack.ADMIN_PASSWORD)
                .redirects().follow(false).post("/login");
        assertEquals(303, login.statusCode(), login.body().asString());
        assertEquals("/audits", login.header("Location"));
        return login;
    }

    private static String sessionCookie(Response login) {
        List<String> cookies = login.headers().getValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("ward_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }

    private static String csrfField(Response form) {
        return form.body().asString().replaceAll("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
    }
}
