package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.deploy.console.ConsoleClient;
import io.ward.localpg.LocalService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed walkthrough done by clicking in the web console, in headless Chromium: sign in, create the seed's rule,
 * see the alert audits of the real defender supervising the real pwn-python, Execution in the ATT&CK matrix, the
 * connected defender, switch the rule to prevent, see the prevent audits. Every page is saved to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleBrowserTest {

    private static final String PASSWORD = "e2e-" + UUID.randomUUID();
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration EVENTUAL = Duration.ofSeconds(40);

    private static Path dataDir;
    private static LocalSuite suite;
    private static ConsoleClient admin;
    private static SeedWalkthrough app;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void startTheConsoleAndABrowser() throws Exception {
        dataDir = Files.createTempDirectory("ward-browser-");
        suite = LocalSuite.start(LocalService.wardHome(),
                new LocalSuite.Options(dataDir, "127.0.0.1", LocalService.freePort(), PASSWORD, false), System.err);
        admin = ConsoleClient.login(URI.create(suite.consoleUrl()), "admin", PASSWORD);
        app = new SeedWalkthrough(admin, null, LocalService.wardHome(), dataDir.resolve("demo"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("ward-chromium-");
        browser = headlessChromium(profile);
    }

    /** Debian's chromium and chromium-driver (installed by .ci/run); nothing is downloaded. */
    static ChromeDriver headlessChromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // A click that submits a form returns before the next page is there: lookups wait for it.
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        return driver;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void signInAndCreateTheSeedRuleByClicking() throws Exception {
        browser.get(suite.consoleUrl() + "/");
        assertEquals("Sign in · Ward", browser.getTitle(), "an anonymous visitor lands on the login page");
        screenshot("01-login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("not the password");
        clickAndLoad(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertEquals("Wrong username or password.", browser.findElement(By.id("login-error")).getText());

        signIn("admin", PASSWORD);
        assertTrue(browser.findElement(By.className("who")).getText().contains("admin (admin)"));

        clickAndLoad(browser.findElement(By.linkText("Runtime rules")));
        clickAndLoad(browser.findElement(By.id("new-rule")));
        type("in-name", SeedWalkthrough.RULE_NAME);
        type("in-processes.allowed", String.join("\n", SeedWalkthrough.SEED_ALLOWED));
        type("in-network.listeningPorts", "99999");
        assertTrue(browser.findElement(By.id("in-dns.enabled")).isSelected(), "DNS on by default, as the seed wants");
        assertTrue(browser.findElement(By.id("in-processes.effect-alert")).isSelected(), "alert by default");
        screenshot("02-rule-editor");
        clickAndLoad(browser.findElement(By.id("save-rule")));

        // policy-service refuses the port; its error shows at the field and nothing is stored.
        WebElement portError = browser.findElement(By.id("err-network.listeningPorts"));
        assertTrue(portError.getText().startsWith("line 1: "), portError.getText());
        assertEquals("true", browser.findElement(By.id("in-network.listeningPorts")).getAttribute("aria-invalid"));
        assertEquals(0, admin.get("/api/v1/policies/runtime/app-embedded").path("rules").size());
        screenshot("03-rule-validation-error");

        type("in-network.listeningPorts", "5000");
        clickAndLoad(browser.findElement(By.id("save-rule")));
        String row = browser.findElement(By.cssSelector("table.rules tbody tr")).getText();
        assertTrue(browser.getCurrentUrl().endsWith("/rules"), browser.getCurrentUrl());
        assertTrue(row.startsWith("0 " + SeedWalkthrough.RULE_NAME + " * alert alert alert"), row);
        screenshot("04-rules");

        JsonNode stored = admin.get("/api/v1/policies/runtime/app-embedded").path("rules").path(0);
        assertEquals(SeedWalkthrough.RULE_NAME, stored.path("name").asText());
        assertEquals(SeedWalkthrough.SEED_ALLOWED.toString(), list(stored.path("processes").path("allowed")));
        assertEquals("[5000]", list(stored.path("network").path("listeningPorts")));
        assertTrue(stored.path("dns").path("enabled").asBoolean());
        assertEquals("alert", stored.path("processes").path("effect").asText());
        assertEquals("admin", stored.path("modifiedBy").asText());
    }

    @Test
    @Order(2)
    void theAlertAuditsOfTheRealDefenderShowWithTheirContext() throws Exception {
        app.startApp(app.mintInstallToken());
        assertTrue(app.attack("ls").contains("app.py"), "alert lets ?cmd=ls run");
        assertTrue(app.attack("env").contains("PORT="), "alert lets ?cmd=env run");

        clickAndLoad(browser.findElement(By.linkText("Audits")));
        new Select(browser.findElement(By.id("f-effect"))).selectByVisibleText("alert");
        type("f-appId", SeedWalkthrough.APP_ID);
        clickAndLoad(browser.findElement(By.cssSelector("form.filters button[type=submit]")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("effect=alert"));
        // Stored first, classified by attack-mapper moments later: wait for both.
        WebElement shell = awaitAuditRow("/bin/sh -c ls", "T1059.004");
        assertTrue(shell.getText().contains("alert"), shell.getText());

        shell.findElement(By.tagName("summary")).click();
        String detail = shell.findElement(By.tagName("dl")).getText();
        assertTrue(detail.contains("Command\n/bin/sh -c ls"), detail);
        assertTrue(detail.matches("(?s).*Parent\\n\\S*python\\S*\\n.*"), "the parent is the web app: " + detail);
        assertTrue(detail.contains("Rule\n" + SeedWalkthrough.RULE_NAME), detail);
        assertTrue(detail.contains("execution · T1059.004"), detail);
        screenshot("05-audits-alert-detail");

        String csvHref = browser.findElement(By.id("csv")).getAttribute("href");
        assertTrue(csvHref.contains("/audits.csv?appId=webadmin-aci&effect=alert"), csvHref);
    }

    @Test
    @Order(3)
    void liveFollowShowsANewAuditWithoutReloading() throws Exception {
        browser.findElement(By.id("f-follow")).click();
        clickAndLoad(browser.findElement(By.cssSelector("form.filters button[type=submit]")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("follow=on"));
        assertTrue(browser.findElement(By.id("audit-rows")).getAttribute("hx-get").contains("follow=on"));
        Object marker = ((JavascriptExecutor) browser).executeScript("window.wardMarker = 42; return window.wardMarker;");
        assertEquals(42L, marker);
        app.attack("uname");
        new WebDriverWait(browser, EVENTUAL).until(d -> d.findElement(By.id("audit-rows")).getText().contains("uname"));
        assertEquals(42L, ((JavascriptExecutor) browser).executeScript("return window.wardMarker;"),
                "the row came in by htmx polling, not a page load");
        screenshot("06-audits-follow");
    }

    @Test
    @Order(4)
    void theMatrixCountsExecutionAndLeadsToItsAudits() throws Exception {
        clickAndLoad(browser.findElement(By.linkText("ATT&CK explorer")));
        WebElement execution = browser.findElement(By.xpath("//section[h2[@id='tactic-execution']]"));
        long count = Long.parseLong(execution.findElement(By.cssSelector("h2 .count")).getText());
        assertTrue(count > 0, "Execution counted: " + execution.getText());
        assertTrue(execution.getAttribute("class").contains("seen"));
        screenshot("07-attack-explorer");

        clickAndLoad(execution.findElement(By.partialLinkText("T1059.004")));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("tactic=execution&techniqueId=T1059.004"));
        awaitAuditRow("/bin/sh -c ls", "T1059.004");
        for (WebElement r : browser.findElements(By.cssSelector("#audit-rows tr"))) {
            assertTrue(r.getText().contains("T1059.004"), "only Unix Shell audits: " + r.getText());
        }
        screenshot("08-audits-by-technique");
    }

    @Test
    @Order(5)
    void theDefenderShowsAsConnected() throws Exception {
        clickAndLoad(browser.findElement(By.linkText("Defenders")));
        new WebDriverWait(browser, EVENTUAL).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.cssSelector("table.defenders tbody")).getText().startsWith("connected");
        });
        JsonNode defender = admin.get("/api/v1/defenders?appId=" + SeedWalkthrough.APP_ID).path(0);
        List<WebElement> cells = browser.findElements(By.cssSelector("table.defenders tbody tr:first-child td"));
        assertEquals(List.of("connected", SeedWalkthrough.APP_ID, defender.path("instanceId").asText(),
                        defender.path("hostname").asText(), defender.path("version").asText(),
                        defender.path("policyRevision").asText()),
                cells.subList(0, 6).stream().map(WebElement::getText).toList());
        assertFalse(defender.path("version").asText().isEmpty());
        assertTrue(cells.get(7).getText().startsWith(LocalDate.now(ZoneOffset.UTC).toString()),
                "last seen: " + cells.get(7).getText());
        screenshot("09-defenders");
    }

    @Test
    @Order(6)
    void switchingToPreventByClickingBlocksTheAttackAndShowsThePreventAudits() throws Exception {
        clickAndLoad(browser.findElement(By.linkText("Runtime rules")));
        clickAndLoad(browser.findElement(By.linkText(SeedWalkthrough.RULE_NAME)));
        browser.findElement(By.id("in-processes.effect-prevent")).click();
        screenshot("10-rule-prevent");
        clickAndLoad(browser.findElement(By.id("save-rule")));
        String row = browser.findElement(By.cssSelector("table.rules tbody tr")).getText();
        assertTrue(row.contains(SeedWalkthrough.RULE_NAME + " * prevent alert alert"), row);

        new WebDriverWait(browser, EVENTUAL).until(d -> {
            try {
                return "NONE".equals(app.attack("ls"));
            } catch (Exception e) {
                return false;
            }
        });
        browser.get(suite.consoleUrl() + "/audits?appId=" + SeedWalkthrough.APP_ID + "&effect=prevent");
        WebElement blocked = awaitAuditRow("/bin/sh -c ls", "prevent");
        assertTrue(blocked.getText().contains("prevent"), blocked.getText());
        screenshot("11-audits-prevent");
    }

    @Test
    @Order(7)
    void onAPhoneThePagesFitTheScreen() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("/audits", "/attack", "/rules", "/defenders", "/install-tokens", "/users")) {
                browser.get(suite.consoleUrl() + page);
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, ((Number) overflow).longValue(), page + " scrolls sideways on a phone");
                screenshot("12-phone" + page.replace('/', '-'));
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(8)
    void anAuditorSeesNoEditControlsAndTheServerRefusesItsChanges() throws Exception {
        String auditorPassword = "auditor-" + UUID.randomUUID();
        clickAndLoad(browser.findElement(By.linkText("Users")));
        type("u-username", "reader");
        type("u-password", "short");
        clickAndLoad(browser.findElement(By.id("add-user")));
        assertTrue(browser.findElement(By.id("e-password")).getText().contains("12"),
                "policy-service's length rule at the field: " + browser.findElement(By.id("e-password")).getText());
        type("u-password", auditorPassword);
        new Select(browser.findElement(By.id("u-role"))).selectByVisibleText("auditor");
        clickAndLoad(browser.findElement(By.id("add-user")));
        assertTrue(browser.findElement(By.cssSelector("table.users")).getText().contains("reader auditor"));
        screenshot("13-users");

        clickAndLoad(browser.findElement(By.cssSelector("form.signout button")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().equals("Sign in · Ward"));
        browser.get(suite.consoleUrl() + "/rules");
        assertEquals("Sign in · Ward", browser.getTitle(), "signed out: the session is gone");
        signIn("reader", auditorPassword);

        clickAndLoad(browser.findElement(By.linkText("Runtime rules")));
        browser.findElement(By.cssSelector("table.rules"));
        assertTrue(absent(By.id("new-rule")), "no Add rule for an auditor");
        assertTrue(absent(By.cssSelector("table.rules button")), "no move buttons");
        clickAndLoad(browser.findElement(By.linkText(SeedWalkthrough.RULE_NAME)));
        assertTrue(browser.findElement(By.id("read-only")).isDisplayed());
        assertTrue(absent(By.id("save-rule")), "no Save for an auditor");
        for (WebElement fieldset : browser.findElements(By.cssSelector("form.rule > fieldset"))) {
            assertEquals("true", fieldset.getAttribute("disabled"), "inputs are read only");
        }
        screenshot("14-auditor-rule");

        // Whatever the page shows, the auditor's token may not change rules: re-enable the form and post it anyway.
        long revision = admin.get("/api/v1/policies/runtime/app-embedded").path("revision").asLong();
        ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('fieldset').forEach(f => f.disabled = false);"
                + "document.getElementById('in-processes.effect-alert').checked = true;"
                + "document.querySelector('form.rule').submit();");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("Error"));
        assertEquals("Error 403 · Ward", browser.getTitle());
        assertEquals("Your role may not do this.", browser.findElement(By.cssSelector("p.problem")).getText());
        assertEquals(revision, admin.get("/api/v1/policies/runtime/app-embedded").path("revision").asLong(),
                "nothing changed");
        assertEquals("prevent", admin.get("/api/v1/policies/runtime/app-embedded").path("rules").path(0)
                .path("processes").path("effect").asText());
    }

    @Test
    @Order(9)
    void anAdminMintsAnInstallTokenShownOnceAndRevokesIt() throws Exception {
        signIn("admin", PASSWORD);
        clickAndLoad(browser.findElement(By.linkText("Install tokens")));
        type("t-appId", "billing-api");
        clickAndLoad(browser.findElement(By.id("mint-token")));
        String token = browser.findElement(By.id("minted-token")).getText();
        assertTrue(token.startsWith("wdt_"), token);
        screenshot("15-install-token-minted");
        JsonNode exchanged = ConsoleClient.JSON.readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(suite.consoleUrl() + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"installToken\":\"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertFalse(exchanged.path("token").asText().isEmpty(), "the shown token is the real one: " + exchanged);

        browser.get(suite.consoleUrl() + "/install-tokens");
        assertTrue(absent(By.id("minted-token")), "the secret is not shown again");
        WebElement row = browser.findElement(By.xpath("//table[@class='tokens']//tr[td[2]='billing-api']"));
        assertFalse(row.getText().contains(token.substring(token.lastIndexOf('_') + 1)), "no secret in the list");
        row.findElement(By.tagName("button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> absent(By.xpath("//table[@class='tokens']//tr[td[2]='billing-api']")));
        for (JsonNode t : admin.get("/api/v1/defenders/install-tokens")) {
            assertFalse("billing-api".equals(t.path("appId").asText()), "revoked: " + t);
        }
    }

    @Test
    @Order(10)
    void theSessionCookieIsHttpOnlyAndStrictTheCsvStreamsAndEveryPageForbidsInlineScript() throws Exception {
        FormClient client = FormClient.open(suite.consoleUrl());
        HttpResponse<String> login = client.signIn("admin", PASSWORD, true);
        assertEquals(303, login.statusCode());
        assertEquals("/audits", login.headers().firstValue("Location").orElse(""));
        String session = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("ward_session=")).findFirst().orElseThrow();
        assertTrue(session.contains("HttpOnly"), session);
        assertTrue(session.contains("SameSite=Strict"), session);
        assertTrue(session.contains("Path=/"), session);
        assertFalse(session.contains("Secure"), "plain HTTP here, so not Secure: " + session);
        String csrf = client.csrfCookieHeader();
        assertTrue(csrf.contains("HTTPOnly") || csrf.contains("HttpOnly"), csrf);
        assertTrue(csrf.contains("SameSite=Strict"), csrf);

        HttpResponse<String> csv = client.get("/audits.csv?appId=" + SeedWalkthrough.APP_ID + "&effect=prevent");
        assertEquals(200, csv.statusCode());
        assertEquals("attachment; filename=\"ward-audits.csv\"", csv.headers().firstValue("Content-Disposition").orElse(""));
        List<String> rows = csv.body().lines().toList();
        assertTrue(rows.get(0).startsWith("time,id,appId,"), rows.get(0));
        assertTrue(rows.size() > 1 && rows.stream().skip(1).allMatch(r -> r.contains(",webadmin-aci,") && r.contains(",prevent,")),
                "only the filtered audits: " + rows);
        assertTrue(rows.stream().anyMatch(r -> r.contains("/bin/sh -c ls")), csv.body());

        for (String page : List.of("/audits", "/attack", "/rules", "/rules/new", "/defenders", "/install-tokens",
                "/users", "/login")) {
            HttpResponse<String> r = client.get(page);
            assertEquals(200, r.statusCode(), page);
            assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                    r.headers().firstValue("Content-Security-Policy").orElse(""), page);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), page);
            assertFalse(r.body().matches("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*"), page + " has an inline script");
            assertFalse(r.body().matches("(?s).*\\son[a-z]+=.*"), page + " has an inline event handler");
            assertFalse(r.body().matches("(?s).*\\sstyle=.*"), page + " has an inline style");
        }
    }

    @Test
    @Order(11)
    void formsWithoutTheCsrfTokenAreRefusedAndChangeNothing() throws Exception {
        FormClient anonymous = FormClient.open(suite.consoleUrl());
        HttpResponse<String> login = anonymous.signIn("admin", PASSWORD, false);
        assertEquals(400, login.statusCode(), "login without the token");
        assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("ward_session=")));

        FormClient signedIn = FormClient.open(suite.consoleUrl());
        signedIn.signIn("admin", PASSWORD, true);
        long revision = admin.get("/api/v1/policies/runtime/app-embedded").path("revision").asLong();
        String rule = "name=Forged&scope.appIds=*&processes.enabled=on&processes.allowed=sh&processes.effect=alert";
        assertEquals(400, signedIn.post("/rules", rule, false).statusCode(), "no token");
        assertEquals(400, signedIn.post("/rules", rule + "&csrf-token=forged", false).statusCode(), "a wrong token");
        assertEquals(revision, admin.get("/api/v1/policies/runtime/app-embedded").path("revision").asLong(),
                "no rule was created");
        assertEquals(303, signedIn.post("/rules", rule, true).statusCode(), "the same form with the token is accepted");
        assertEquals("Forged", admin.get("/api/v1/policies/runtime/app-embedded").path("rules").path(1).path("name").asText());
        admin.delete("/api/v1/policies/runtime/app-embedded/Forged");
    }

    private static void signIn(String username, String password) {
        browser.get(suite.consoleUrl() + "/login");
        type("username", username);
        type("password", password);
        clickAndLoad(browser.findElement(By.cssSelector("form button[type=submit]")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/audits"));
    }

    /** Clicks what loads a new page and waits until the old page is gone, so that nothing is read from it. */
    private static void clickAndLoad(WebElement element) {
        WebElement page = browser.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> gone(page));
    }

    /**
     * Whether the element has left the document. Chromium answers a lookup that races the navigation with an
     * inspector error ("Node with given id does not belong to the document") instead of a stale element: both mean
     * the old page is gone; any other error still fails the test.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Whether the loaded page lacks the element (asked at once, not after the lookup's wait). */
    private static boolean absent(By what) {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return browser.findElements(what).isEmpty();
        } finally {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        }
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Reloads the audits page until a row for {@code command} (showing {@code also}) is there: audits arrive later. */
    private static WebElement awaitAuditRow(String command, String also) {
        return new WebDriverWait(browser, EVENTUAL).until(d -> {
            for (WebElement r : d.findElements(By.cssSelector("#audit-rows tr"))) {
                if (r.getText().contains("Full command: " + command) && r.getText().contains(also)) {
                    return r;
                }
            }
            d.navigate().refresh();
            return null;
        });
    }

    private static String list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.toString();
    }

    static void screenshot(String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
