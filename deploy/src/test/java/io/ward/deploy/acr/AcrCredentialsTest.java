package io.ward.deploy.acr;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ward.deploy.ArmWireMock;
import io.ward.deploy.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** `ward acr credentials` (the seed's `az acr update --admin-enabled true` and `az acr credential show`). */
class AcrCredentialsTest {

    private static final String API = "api-version=2025-11-01";

    ArmWireMock arm;

    @BeforeEach
    void start() {
        arm = new ArmWireMock();
        AcrStubs.registryAndRun(arm, false);
        arm.server.stubFor(post(urlPathEqualTo(AcrStubs.REGISTRY + "/listCredentials")).willReturn(okJson(
                "{\"username\":\"myacr\",\"passwords\":[{\"name\":\"password\",\"value\":\"pw-one\"},"
                        + "{\"name\":\"password2\",\"value\":\"pw-two\"}]}")));
        arm.server.stubFor(patch(urlPathEqualTo(AcrStubs.REGISTRY)).willReturn(okJson(AcrStubs.registryJson(true))));
    }

    @AfterEach
    void stop() {
        arm.close();
    }

    @Test
    void aDisabledAdminUserIsRefusedWithoutEnableAdmin() {
        CliRun run = CliRun.run(arm.args("acr", "credentials", "--registry", "myacr"));

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("ward: the admin user of registry myacr is disabled; pass --enable-admin (like az acr update"
                + " --admin-enabled true)\n", run.err());
        assertEquals(0, arm.server.findAll(patchRequestedFor(urlPathEqualTo(AcrStubs.REGISTRY))).size(), "nothing changed");
    }

    @Test
    void enableAdminTurnsItOnAndPrintsTheCredentials() {
        CliRun run = CliRun.run(arm.args("acr", "credentials", "--registry", "myacr", "--enable-admin", "-o", "json"));

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        assertEquals(ArmWireMock.json("{\"loginServer\":\"myacr.azurecr.io\",\"username\":\"myacr\","
                + "\"password\":\"pw-one\",\"password2\":\"pw-two\"}"), ArmWireMock.json(run.out()));
        assertEquals("enabling the admin user of myacr\n", run.err());
        LoggedRequest update = arm.server.findAll(patchRequestedFor(urlPathEqualTo(AcrStubs.REGISTRY))).get(0);
        assertEquals(ArmWireMock.json("{\"tags\":{\"env\":\"lab\"},\"properties\":{\"adminUserEnabled\":true}}"), ArmWireMock.json(update.getBodyAsString()));
        assertEquals(List.of(
                "GET /subscriptions/" + ArmWireMock.SUBSCRIPTION + "/providers/Microsoft.ContainerRegistry/registries?" + API,
                "PATCH " + AcrStubs.REGISTRY + "?" + API,
                "POST " + AcrStubs.REGISTRY + "/listCredentials?" + API), arm.requestLines());
    }
}
