package io.ward.deploy.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ward.deploy.ArmWireMock;
import io.ward.deploy.CliRun;
import io.ward.deploy.aci.AciStubs;
import io.ward.deploy.acr.AcrStubs;
import io.ward.deploy.azure.StorageStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `ward suite deploy` against WireMock: four ACR builds, then one container group with the exact definition. */
class SuiteDeployTest {

    private static final String FQDN = "ward-myacr.westeurope.azurecontainer.io";
    /** The storage account derived from subscription, resource group and group name `ward` (sha256 outside Java). */
    private static final String ACCOUNT = "ward6a3877a0";

    @TempDir
    Path home;

    ArmWireMock arm;
    String previousHome;

    @BeforeEach
    void start() throws IOException {
        for (String file : List.of("pom.xml", "policy-service/src/main/docker/Dockerfile.native",
                "event-service/src/main/docker/Dockerfile.native", "attack-mapper/src/main/docker/Dockerfile.native",
                "web-console/src/main/docker/Dockerfile.native", "defender/Dockerfile", "defender/src/main.c")) {
            Path path = home.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "# " + file + "\n");
        }
        Files.writeString(home.resolve(".dockerignore"), "**/target\n.git\n");
        Files.createDirectories(home.resolve("policy-service/target"));
        Files.writeString(home.resolve("policy-service/target/big.jar"), "not sent");
        previousHome = System.setProperty("ward.home", home.toString());
        arm = new ArmWireMock();
        AcrStubs.registryAndRun(arm, true);
        arm.server.stubFor(get(urlPathEqualTo(AcrStubs.REGISTRY + "/runs/ca1")).willReturn(okJson(AcrStubs.runJson("ca1", "Succeeded"))));
        AcrStubs.log(arm, "Successfully pushed\n");
        arm.server.stubFor(post(urlPathEqualTo(AcrStubs.REGISTRY + "/listCredentials")).willReturn(okJson(
                "{\"username\":\"myacr\",\"passwords\":[{\"name\":\"password\",\"value\":\"pw-one\"},"
                        + "{\"name\":\"password2\",\"value\":\"pw-two\"}]}")));
        AciStubs.resourceGroup(arm);
    }

    @AfterEach
    void stop() {
        arm.close();
        if (previousHome == null) {
            System.clearProperty("ward.home");
        } else {
            System.setProperty("ward.home", previousHome);
        }
    }

    @Test
    void withoutADatabaseUrlTheSuiteIsRefusedAndNothingIsSent() {
        CliRun run = CliRun.run(arm.args("suite", "deploy", "--resource-group", "azlab-rg", "--registry", "myacr"));

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: the suite needs a durable PostgreSQL: pass --database-url (e.g. Azure Database for"
                + " PostgreSQL); ACI can keep files only on Azure Files (SMB), where PostgreSQL cannot own its 0700 data"
                + " directory nor rely on fsync, so in the group its data is lost at every restart (--ephemeral-database"
                + " accepts that)\n", run.err());
        assertEquals(List.of(), arm.requestLines(), "nothing is built or created");
    }

    @Test
    void badStorageFlagsAreRefusedAndNothingIsSent() {
        List<List<String>> cases = List.of(
                List.of("--ephemeral-database", "--database-url", "jdbc:postgresql://db:5432/ward"),
                List.of("--ephemeral-database", "--storage-account", "Ward-Certs"),
                List.of("--ephemeral-database", "--file-share", "caddy_data"));
        List<String> expected = List.of(
                "ward: --ephemeral-database and --database-url exclude each other",
                "ward: --storage-account 'Ward-Certs' must be 3-24 lowercase letters and digits (an Azure storage account name)",
                "ward: --file-share 'caddy_data' must be 3-63 lowercase letters, digits and single hyphens, starting and"
                        + " ending with a letter or digit (an Azure file share name)");
        for (int i = 0; i < cases.size(); i++) {
            List<String> args = new java.util.ArrayList<>(List.of("suite", "deploy", "-g", "azlab-rg", "-r", "myacr"));
            args.addAll(cases.get(i));
            CliRun run = CliRun.run(arm.args(args.toArray(String[]::new)));
            assertEquals(2, run.exitCode(), cases.get(i) + "\n" + run);
            assertEquals(expected.get(i) + "\n", run.err(), cases.get(i).toString());
        }
        assertEquals(List.of(), arm.requestLines(), "nothing is built or created");
    }

    @Test
    void buildsTheSuiteAndRunsItAsOneGroupBehindTheTlsFrontDoor() {
        StorageStubs.missing(arm, ACCOUNT, "ward-caddy");
        AciStubs.createGroup(arm, "ward", "{\"osType\":\"Linux\",\"ipAddress\":{\"type\":\"Public\",\"fqdn\":\"" + FQDN
                + "\",\"ports\":[{\"port\":80},{\"port\":443}]},\"containers\":[]}");

        CliRun run = CliRun.run(arm.args("suite", "deploy", "--resource-group", "azlab-rg", "--registry", "myacr",
                "--tag", "0.1.0", "--ephemeral-database", "-o", "json"));

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        JsonNode result = ArmWireMock.json(run.out());
        assertEquals("https://" + FQDN, result.get("consoleUrl").asText());
        assertEquals("admin", result.get("adminUser").asText());
        String adminPassword = result.get("adminPassword").asText();
        assertTrue(adminPassword.length() >= 32, "a generated password: " + adminPassword);
        assertTrue(run.err().contains("warning: --ephemeral-database: PostgreSQL runs inside the container group and"
                + " its data is NOT durable"), run.err());
        assertTrue(run.err().contains("creating storage account " + ACCOUNT + " in azlab-rg (westeurope) …\n"
                + "creating file share ward-caddy (1 GiB) …\n"), run.err());
        assertFalse((run.out() + run.err()).contains(StorageStubs.KEY), "the storage key is never printed");
        assertFalse(run.err().contains(adminPassword), "the admin password is shown once, on stdout only");

        List<String> builds = arm.server.findAll(postRequestedFor(urlPathEqualTo(AcrStubs.REGISTRY + "/scheduleRun")))
                .stream().map(r -> ArmWireMock.json(r.getBodyAsString()))
                .map(b -> b.get("imageNames").get(0).asText() + " " + b.get("dockerFilePath").asText()).toList();
        assertEquals(List.of(
                "ward/policy-service:0.1.0 policy-service/src/main/docker/Dockerfile.native",
                "ward/event-service:0.1.0 event-service/src/main/docker/Dockerfile.native",
                "ward/attack-mapper:0.1.0 attack-mapper/src/main/docker/Dockerfile.native",
                "ward/web-console:0.1.0 web-console/src/main/docker/Dockerfile.native",
                "ward/defender:0.1.0 Dockerfile"), builds);

        LoggedRequest put = arm.server.findAll(putRequestedFor(urlPathEqualTo(AciStubs.groupPath("ward")))).get(0);
        JsonNode properties = ArmWireMock.json(put.getBodyAsString()).get("properties");
        Map<String, String> secrets = new HashMap<>();
        properties.get("containers").forEach(c -> c.get("properties").path("environmentVariables").forEach(e -> {
            if (e.has("secureValue")) {
                String name = e.get("name").asText();
                String value = e.get("secureValue").asText();
                String previous = secrets.putIfAbsent(name.replace("POSTGRES_PASSWORD", "WARD_DB_PASSWORD"), value);
                assertTrue(previous == null || previous.equals(value), "one value per secret: " + name);
                assertTrue(value.length() >= 8, name + " is generated");
                assertFalse(run.err().contains(value) || name.equals("WARD_ADMIN_PASSWORD") != run.out().contains(value),
                        name + " is never printed (only the admin password, on stdout)");
                ((ObjectNode) e).put("secureValue", "<" + name + ">");
            }
        }));
        assertEquals(adminPassword, secrets.get("WARD_ADMIN_PASSWORD"));
        JsonNode share = properties.get("volumes").get(0).get("azureFile");
        assertEquals(StorageStubs.KEY, share.get("storageAccountKey").asText(), "the account's first key mounts the share");
        ((ObjectNode) share).put("storageAccountKey", "<KEY>");
        assertEquals(ArmWireMock.json(expectedProperties()), properties);
    }

    private static String expectedProperties() {
        String caddyfile = Caddyfile.render(FQDN).replace("\t", "\\t").replace("\n", "\\n");
        return """
            {"containers":[
              {"name":"policy-service","properties":{"image":"myacr.azurecr.io/ward/policy-service:0.1.0",
                "ports":[{"protocol":"TCP","port":8081}],
                "environmentVariables":[
                  {"name":"WARD_DB_URL","value":"jdbc:postgresql://127.0.0.1:5432/ward"},
                  {"name":"WARD_DB_USER","value":"ward"},
                  {"name":"WARD_DB_PASSWORD","secureValue":"<WARD_DB_PASSWORD>"},
                  {"name":"WARD_ADMIN_PASSWORD","secureValue":"<WARD_ADMIN_PASSWORD>"},
                  {"name":"WARD_SERVICE_ACCESS_KEY_ID","secureValue":"<WARD_SERVICE_ACCESS_KEY_ID>"},
                  {"name":"WARD_SERVICE_ACCESS_KEY_SECRET","secureValue":"<WARD_SERVICE_ACCESS_KEY_SECRET>"}],
                "resources":{"requests":{"memoryInGB":1.0,"cpu":0.5}}}},
              {"name":"event-service","properties":{"image":"myacr.azurecr.io/ward/event-service:0.1.0",
                "ports":[{"protocol":"TCP","port":8082}],
                "environmentVariables":[
                  {"name":"WARD_DB_URL","value":"jdbc:postgresql://127.0.0.1:5432/ward"},
                  {"name":"WARD_DB_USER","value":"ward"},
                  {"name":"WARD_JWKS_URL","value":"http://127.0.0.1:8081/api/v1/auth/jwks"},
                  {"name":"WARD_DB_PASSWORD","secureValue":"<WARD_DB_PASSWORD>"},
                  {"name":"WARD_SERVICE_ACCESS_KEY_ID","secureValue":"<WARD_SERVICE_ACCESS_KEY_ID>"},
                  {"name":"WARD_SERVICE_ACCESS_KEY_SECRET","secureValue":"<WARD_SERVICE_ACCESS_KEY_SECRET>"}],
                "resources":{"requests":{"memoryInGB":1.0,"cpu":0.5}}}},
              {"name":"attack-mapper","properties":{"image":"myacr.azurecr.io/ward/attack-mapper:0.1.0",
                "ports":[{"protocol":"TCP","port":8083}],
                "environmentVariables":[{"name":"WARD_JWKS_URL","value":"http://127.0.0.1:8081/api/v1/auth/jwks"}],
                "resources":{"requests":{"memoryInGB":0.5,"cpu":0.5}}}},
              {"name":"web-console","properties":{"image":"myacr.azurecr.io/ward/web-console:0.1.0",
                "ports":[{"protocol":"TCP","port":8084}],
                "environmentVariables":[
                  {"name":"WARD_POLICY_SERVICE_URL","value":"http://127.0.0.1:8081"},
                  {"name":"WARD_EVENT_SERVICE_URL","value":"http://127.0.0.1:8082"},
                  {"name":"WARD_CONSOLE_SECURE_COOKIES","value":"true"}],
                "resources":{"requests":{"memoryInGB":0.5,"cpu":0.25}}}},
              {"name":"front-door","properties":{"image":"caddy:2.10",
                "command":["/bin/sh","-c","printf '%s' \\"$WARD_CADDYFILE\\" > /etc/caddy/Caddyfile && exec caddy run --config /etc/caddy/Caddyfile --adapter caddyfile"],
                "ports":[{"protocol":"TCP","port":80},{"protocol":"TCP","port":443}],
                "environmentVariables":[{"name":"WARD_CADDYFILE","value":"@CADDYFILE_TEXT@"},
                  {"name":"XDG_DATA_HOME","value":"/data"}],
                "resources":{"requests":{"memoryInGB":0.5,"cpu":0.25}},
                "volumeMounts":[{"name":"caddy-data","mountPath":"/data","readOnly":false}]}},
              {"name":"postgres","properties":{"image":"postgres:17",
                "ports":[{"protocol":"TCP","port":5432}],
                "environmentVariables":[
                  {"name":"POSTGRES_USER","value":"ward"},
                  {"name":"POSTGRES_DB","value":"ward"},
                  {"name":"POSTGRES_PASSWORD","secureValue":"<POSTGRES_PASSWORD>"}],
                "resources":{"requests":{"memoryInGB":1.0,"cpu":0.5}}}}],
             "imageRegistryCredentials":[{"server":"myacr.azurecr.io","username":"myacr","password":"pw-one"}],
             "restartPolicy":"Always",
             "ipAddress":{"ports":[{"protocol":"TCP","port":80},{"protocol":"TCP","port":443}],"type":"Public",
                          "dnsNameLabel":"ward-myacr"},
             "osType":"Linux",
             "volumes":[{"name":"caddy-data","azureFile":{"shareName":"ward-caddy","readOnly":false,
                 "storageAccountName":"ward6a3877a0","storageAccountKey":"<KEY>"},"emptyDir":null}]}""".replace("@CADDYFILE_TEXT@", caddyfile);
    }
}
