package io.ward.deploy.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ward.deploy.ArmWireMock;
import io.ward.deploy.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `ward aci create|show|logs|delete` against WireMock standing in for Azure Resource Manager. */
class AciCommandTest {

    private static final String API = "api-version=2023-05-01";
    /** The group properties Azure must receive for the seed's Exercise 3 command (plus env and secure env). */
    private static final String SEED_PROPERTIES = """
            {"containers":[{"name":"azlab-aci","properties":{
                "image":"myacr.azurecr.io/businessapp/webadmin:protected",
                "ports":[{"protocol":"TCP","port":5000}],
                "environmentVariables":[
                    {"name":"WARD_CONSOLE","value":"https://ward.example.com"},
                    {"name":"WARD_TOKEN","secureValue":"wdt_42_topsecret"}],
                "resources":{"requests":{"memoryInGB":1.5,"cpu":1.0}}}}],
             "imageRegistryCredentials":[{"server":"myacr.azurecr.io","username":"myacr","password":"acr-pass-1"}],
             "restartPolicy":"Always",
             "ipAddress":{"ports":[{"protocol":"TCP","port":5000}],"type":"Public","dnsNameLabel":"aci-demo-42"},
             "osType":"Linux"}""";

    ArmWireMock arm;

    @BeforeEach
    void start() {
        arm = new ArmWireMock();
        AciStubs.resourceGroup(arm);
    }

    @AfterEach
    void stop() {
        arm.close();
    }

    /** The seed's Exercise 3 `az container create`, plus an env and a secure env, with {@code extra} flags. */
    private CliRun seedCreate(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("aci", "create", "--name", "azlab-aci",
                "--resource-group", "azlab-rg", "--image", "myacr.azurecr.io/businessapp/webadmin:protected",
                "--registry-login-server", "myacr.azurecr.io", "--registry-username", "myacr",
                "--registry-password", "acr-pass-1", "--dns-name-label", "aci-demo-42", "--ports", "5000",
                "--env", "WARD_CONSOLE=https://ward.example.com", "--secure-env", "WARD_TOKEN=wdt_42_topsecret"));
        args.addAll(List.of(extra));
        return CliRun.run(arm.args(args.toArray(String[]::new)));
    }

    @Test
    void createSendsTheSeedContainerGroupAndWaitsUntilItRuns() {
        AciStubs.createGroup(arm, "azlab-aci", SEED_PROPERTIES.replace("\"dnsNameLabel\":\"aci-demo-42\"",
                "\"dnsNameLabel\":\"aci-demo-42\",\"ip\":\"20.1.2.3\",\"fqdn\":\"aci-demo-42.westeurope.azurecontainer.io\""));

        CliRun run = seedCreate("--output", "json");

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        JsonNode result = ArmWireMock.json(run.out());
        assertEquals("aci-demo-42.westeurope.azurecontainer.io", result.get("fqdn").asText());
        assertEquals("Succeeded", result.get("provisioningState").asText());
        assertEquals("Running", result.get("state").asText());
        assertEquals("20.1.2.3", result.get("ip").asText());
        assertFalse((run.out() + run.err()).contains("wdt_42_topsecret"), "secure values are never printed");
        assertFalse((run.out() + run.err()).contains("acr-pass-1"), "the registry password is never printed");

        String group = AciStubs.groupPath("azlab-aci");
        assertEquals(List.of(
                "GET /subscriptions/" + ArmWireMock.SUBSCRIPTION + "/resourcegroups/azlab-rg?api-version=2025-04-01",
                "PUT " + group + "?" + API,
                "GET " + group + "?" + API,
                "GET " + group + "?" + API), arm.requestLines(), "polls until provisioning Succeeded");
        LoggedRequest put = arm.server.findAll(putRequestedFor(urlPathEqualTo(group))).get(0);
        assertEquals("Bearer " + ArmWireMock.TOKEN, put.getHeader("Authorization"));
        JsonNode body = ArmWireMock.json(put.getBodyAsString());
        assertEquals("westeurope", body.get("location").asText());
        assertEquals(ArmWireMock.json(SEED_PROPERTIES), body.get("properties"));
    }

    @Test
    void createWithQueryPrintsOnlyTheFqdnLikeTheSeed() {
        AciStubs.createGroup(arm, "azlab-aci", SEED_PROPERTIES.replace("\"dnsNameLabel\":\"aci-demo-42\"",
                "\"dnsNameLabel\":\"aci-demo-42\",\"ip\":\"20.1.2.3\",\"fqdn\":\"aci-demo-42.westeurope.azurecontainer.io\""));

        CliRun run = seedCreate("--query", "ipAddress.fqdn");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("aci-demo-42.westeurope.azurecontainer.io\n", run.out());
    }

    @Test
    void createWithoutPublicIpUsesPrivatePortsAndThePublicRegistry() {
        String properties = """
                {"containers":[{"name":"worker","properties":{"image":"python:3.12",
                    "ports":[{"protocol":"TCP","port":8080}],
                    "resources":{"requests":{"memoryInGB":0.5,"cpu":0.5}}}}],
                 "restartPolicy":"OnFailure","osType":"Linux"}""";
        AciStubs.createGroup(arm, "worker", properties);

        CliRun run = CliRun.run(arm.args("aci", "create", "-n", "worker", "-g", "azlab-rg", "--image", "python:3.12",
                "--ports", "8080", "--cpu", "0.5", "--memory", "0.5", "--restart-policy", "OnFailure",
                "--location", "northeurope"));

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        LoggedRequest put = arm.server.findAll(putRequestedFor(urlPathEqualTo(AciStubs.groupPath("worker")))).get(0);
        JsonNode body = ArmWireMock.json(put.getBodyAsString());
        assertEquals("northeurope", body.get("location").asText());
        assertEquals(ArmWireMock.json(properties), body.get("properties"));
        assertTrue(run.out().startsWith("name "), "table output: " + run.out());
    }

    @Test
    void aProvisioningFailureIsExitCode1WithAzuresMessage() {
        arm.server.stubFor(put(urlPathEqualTo(AciStubs.groupPath("bad"))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"InaccessibleImage\","
                        + "\"message\":\"The image 'nope:1' in container group 'bad' is not accessible.\"}}")));

        CliRun run = CliRun.run(arm.args("aci", "create", "-n", "bad", "-g", "azlab-rg", "--image", "nope:1",
                "--location", "westeurope"));

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("ward: Azure answered 400 InaccessibleImage: The image 'nope:1' in container group 'bad' is not"
                + " accessible.\n", run.err().substring(run.err().indexOf("ward: ")));
    }

    @Test
    void showPrintsStateAndFqdn() {
        arm.server.stubFor(get(urlPathEqualTo(AciStubs.groupPath("azlab-aci"))).willReturn(okJson(AciStubs.groupJson(
                "azlab-aci", "Succeeded", SEED_PROPERTIES.replace("\"dnsNameLabel\":\"aci-demo-42\"",
                        "\"dnsNameLabel\":\"aci-demo-42\",\"fqdn\":\"aci-demo-42.westeurope.azurecontainer.io\"")))));

        CliRun query = CliRun.run(arm.args("aci", "show", "-n", "azlab-aci", "-g", "azlab-rg", "--query", "fqdn"));
        CliRun json = CliRun.run(arm.args("aci", "show", "-n", "azlab-aci", "-g", "azlab-rg", "-o", "json"));

        assertEquals(0, query.exitCode(), query.toString());
        assertEquals("aci-demo-42.westeurope.azurecontainer.io\n", query.out());
        JsonNode view = ArmWireMock.json(json.out());
        assertEquals("Running", view.get("state").asText());
        assertEquals("myacr.azurecr.io/businessapp/webadmin:protected", view.get("images").asText());
        assertFalse(json.out().contains("wdt_42_topsecret"));
    }

    @Test
    void showOfAMissingGroupIsExitCode4() {
        arm.server.stubFor(get(urlPathEqualTo(AciStubs.groupPath("gone"))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"ResourceNotFound\","
                        + "\"message\":\"The Resource 'Microsoft.ContainerInstance/containerGroups/gone' was not found.\"}}")));

        CliRun run = CliRun.run(arm.args("aci", "show", "-n", "gone", "-g", "azlab-rg"));

        assertEquals(4, run.exitCode(), run.toString());
        assertEquals("ward: not found (404 ResourceNotFound: The Resource 'Microsoft.ContainerInstance/containerGroups/gone'"
                + " was not found.)\n", run.err());
    }

    @Test
    void withoutSubscriptionTheOnlyVisibleOneIsUsed() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AZURE_SUBSCRIPTION_ID") == null);
        arm.server.stubFor(get(urlPathEqualTo("/subscriptions")).willReturn(okJson("{\"value\":[{\"id\":\"/subscriptions/"
                + ArmWireMock.SUBSCRIPTION + "\",\"subscriptionId\":\"" + ArmWireMock.SUBSCRIPTION
                + "\",\"displayName\":\"lab\",\"state\":\"Enabled\"}]}")));
        arm.server.stubFor(get(urlPathEqualTo(AciStubs.groupPath("azlab-aci"))).willReturn(okJson(AciStubs.groupJson(
                "azlab-aci", "Succeeded", SEED_PROPERTIES))));

        CliRun run = CliRun.run("aci", "show", "-n", "azlab-aci", "-g", "azlab-rg", "--query", "state",
                "--arm-endpoint", arm.url());

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        assertEquals("Running\n", run.out());
        assertEquals("GET /subscriptions?api-version=2022-12-01", arm.requestLines().get(0));
    }

    @Test
    void anArmEndpointThatIsNotHttpsIsRefused() {
        CliRun run = CliRun.run("aci", "show", "-n", "x", "-g", "y", "--subscription", "s", "--arm-endpoint",
                "http://127.0.0.1:1");

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: --arm-endpoint must be an https URL (Azure tokens are only sent over TLS)\n", run.err());
    }

    @Test
    void logsPrintsTheContainerLog() {
        arm.server.stubFor(get(urlPathEqualTo(AciStubs.groupPath("azlab-aci") + "/containers/azlab-aci/logs"))
                .willReturn(okJson("{\"content\":\" * Running on http://0.0.0.0:5000\\nGET /?cmd=ls 200\\n\"}")));

        CliRun run = CliRun.run(arm.args("aci", "logs", "-n", "azlab-aci", "-g", "azlab-rg", "--tail", "2"));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(" * Running on http://0.0.0.0:5000\nGET /?cmd=ls 200\n", run.out());
        assertEquals(List.of("GET " + AciStubs.groupPath("azlab-aci") + "/containers/azlab-aci/logs?" + API + "&tail=2"),
                arm.requestLines());
    }

    @Test
    void deleteRemovesTheGroup() {
        arm.server.stubFor(delete(urlPathEqualTo(AciStubs.groupPath("azlab-aci"))).willReturn(aResponse().withStatus(204)));

        CliRun run = CliRun.run(arm.args("aci", "delete", "-n", "azlab-aci", "-g", "azlab-rg", "-o", "json"));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("DELETE " + AciStubs.groupPath("azlab-aci") + "?" + API), arm.requestLines());
        assertEquals(ArmWireMock.json("{\"name\":\"azlab-aci\",\"resourceGroup\":\"azlab-rg\",\"deleted\":true}"),
                ArmWireMock.json(run.out()));
    }
}
