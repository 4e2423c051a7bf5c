package io.ward.deploy.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ward.deploy.ArmWireMock;
import io.ward.deploy.CliRun;
import io.ward.deploy.azure.StorageStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** `ward aci create --data-volume` against WireMock standing in for Resource Manager (storage and container groups). */
class AciDataVolumeTest {

    private static final String STORAGE_API = "api-version=2025-06-01";
    /** The account derived from subscription, resource group and group name (sha256 computed outside Java). */
    private static final String DERIVED_ACCOUNT = "azlabaci9790a833";
    private static final String GROUP_PROPERTIES = """
            {"containers":[{"name":"azlab-aci","properties":{
                "image":"python:3.12",
                "ports":[{"protocol":"TCP","port":5000}],
                "resources":{"requests":{"memoryInGB":1.5,"cpu":1.0}},
                "volumeMounts":[{"name":"ward-data","mountPath":"@MOUNT@","readOnly":false}]}}],
             "restartPolicy":"Always",
             "ipAddress":{"ports":[{"protocol":"TCP","port":5000}],"type":"Public","dnsNameLabel":"aci-demo-42"},
             "osType":"Linux",
             "volumes":[{"name":"ward-data","azureFile":{"shareName":"@SHARE@","readOnly":false,
                 "storageAccountName":"@ACCOUNT@","storageAccountKey":"@KEY@"},"emptyDir":null}]}""";

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

    private CliRun create(String... extra) {
        List<String> args = new ArrayList<>(List.of("aci", "create", "--name", "azlab-aci", "--resource-group",
                "azlab-rg", "--image", "python:3.12", "--dns-name-label", "aci-demo-42", "--ports", "5000"));
        args.addAll(List.of(extra));
        return CliRun.run(arm.args(args.toArray(String[]::new)));
    }

    private static String properties(String account, String share, String mountPath) {
        return GROUP_PROPERTIES.replace("@ACCOUNT@", account).replace("@SHARE@", share).replace("@MOUNT@", mountPath)
                .replace("@KEY@", StorageStubs.KEY);
    }

    private JsonNode groupPutBody() {
        List<LoggedRequest> puts = arm.server.findAll(putRequestedFor(urlPathEqualTo(AciStubs.groupPath("azlab-aci"))));
        assertEquals(1, puts.size(), arm.requestLines().toString());
        return ArmWireMock.json(puts.get(0).getBodyAsString());
    }

    @Test
    void dataVolumeCreatesTheAccountAndShareAndMountsThemAtTheDefendersDataFolder() {
        StorageStubs.missing(arm, DERIVED_ACCOUNT, "azlab-aci-data");
        // the reply echoes the key, as the worst case: it must still not be printed
        String expected = properties(DERIVED_ACCOUNT, "azlab-aci-data", "/var/lib/ward");
        AciStubs.createGroup(arm, "azlab-aci", expected);

        CliRun run = create("--data-volume", "--output", "json");

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        assertFalse((run.out() + run.err()).contains(StorageStubs.KEY), "the storage key is never printed: " + run);
        String account = StorageStubs.accountPath(DERIVED_ACCOUNT);
        String share = StorageStubs.sharePath(DERIVED_ACCOUNT, "azlab-aci-data");
        String group = AciStubs.groupPath("azlab-aci");
        assertEquals(List.of(
                "GET /subscriptions/" + ArmWireMock.SUBSCRIPTION + "/resourcegroups/azlab-rg?api-version=2025-04-01",
                "GET " + account + "?" + STORAGE_API,
                "PUT " + account + "?" + STORAGE_API,
                "GET " + account + "?" + STORAGE_API,
                "GET " + share + "?" + STORAGE_API,
                "PUT " + share + "?" + STORAGE_API,
                "POST " + account + "/listKeys?" + STORAGE_API,
                "PUT " + group + "?api-version=2023-05-01",
                "GET " + group + "?api-version=2023-05-01",
                "GET " + group + "?api-version=2023-05-01"), arm.requestLines());

        JsonNode accountBody = ArmWireMock.json(arm.server.findAll(putRequestedFor(urlPathEqualTo(account))).get(0)
                .getBodyAsString());
        assertEquals("westeurope", accountBody.get("location").asText());
        assertEquals("StorageV2", accountBody.get("kind").asText());
        assertEquals("Standard_LRS", accountBody.get("sku").get("name").asText());
        JsonNode accountProperties = accountBody.get("properties");
        assertEquals(true, accountProperties.get("supportsHttpsTrafficOnly").asBoolean(), accountBody.toString());
        assertEquals("TLS1_2", accountProperties.get("minimumTlsVersion").asText(), accountBody.toString());
        assertEquals(false, accountProperties.get("allowBlobPublicAccess").asBoolean(true), accountBody.toString());
        assertFalse(accountProperties.has("allowSharedKeyAccess") && !accountProperties.get("allowSharedKeyAccess").asBoolean(),
                "ACI mounts with the key: shared key access stays on");
        assertEquals(ArmWireMock.json("{\"properties\":{\"shareQuota\":1}}"),
                ArmWireMock.json(arm.server.findAll(putRequestedFor(urlPathEqualTo(share))).get(0).getBodyAsString()));

        JsonNode body = groupPutBody();
        assertEquals(ArmWireMock.json(expected), body.get("properties"));
        assertEquals("creating storage account " + DERIVED_ACCOUNT + " in azlab-rg (westeurope) …\n"
                + "creating file share azlab-aci-data (1 GiB) …\n"
                + "creating container group azlab-aci in azlab-rg (westeurope); waiting until it runs …\n", run.err());
    }

    @Test
    void aReRunReusesTheAccountAndTheShare() {
        StorageStubs.existing(arm, "wardlab42", "defender-state", true);
        String expected = properties("wardlab42", "defender-state", "/tmp/ward");
        AciStubs.createGroup(arm, "azlab-aci", expected);

        CliRun run = create("--data-volume", "--storage-account", "wardlab42", "--file-share", "defender-state",
                "--data-mount-path", "/tmp/ward");

        assertEquals(0, run.exitCode(), run + "\n" + arm.requestLines());
        assertFalse((run.out() + run.err()).contains(StorageStubs.KEY), "the storage key is never printed");
        assertEquals(List.of(
                "GET " + StorageStubs.accountPath("wardlab42") + "?" + STORAGE_API,
                "GET " + StorageStubs.sharePath("wardlab42", "defender-state") + "?" + STORAGE_API,
                "POST " + StorageStubs.accountPath("wardlab42") + "/listKeys?" + STORAGE_API),
                arm.requestLines().stream().filter(line -> line.contains("Microsoft.Storage")).toList(),
                "nothing is created again");
        assertEquals(ArmWireMock.json(expected), groupPutBody().get("properties"));
        assertEquals("using storage account wardlab42\nusing file share defender-state\n",
                run.err().substring(0, run.err().indexOf("creating container group")));
    }

    @Test
    void anAccountThatRefusesSharedKeyAccessIsRefusedBeforeTheGroup() {
        StorageStubs.existing(arm, "wardlab42", "azlab-aci-data", false);

        CliRun run = create("--data-volume", "--storage-account", "wardlab42");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("ward: storage account wardlab42 does not allow shared key access, which ACI needs to mount Azure"
                + " Files; name another with --storage-account\n", run.err());
        assertFalse(arm.requestLines().stream().anyMatch(line -> line.startsWith("PUT ") || line.contains("listKeys")),
                arm.requestLines().toString());
    }

    @Test
    void anAccountNameTakenElsewhereInAzureFailsInOneLineBeforeTheShareAndTheGroup() {
        arm.server.stubFor(get(urlPathEqualTo(StorageStubs.accountPath("wardlab42"))).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}")));
        arm.server.stubFor(put(urlPathEqualTo(StorageStubs.accountPath("wardlab42"))).willReturn(aResponse()
                .withStatus(409).withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":"
                        + "\"StorageAccountAlreadyTaken\",\"message\":\"The storage account named wardlab42 is already taken.\"}}")));

        CliRun run = create("--data-volume", "--storage-account", "wardlab42");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("ward: Azure answered 409 StorageAccountAlreadyTaken: The storage account named wardlab42 is already"
                + " taken.\n", run.err().substring(run.err().indexOf("ward: ")));
        assertFalse(arm.requestLines().stream().anyMatch(line -> line.contains("/shares/") || line.contains("containerGroups")),
                arm.requestLines().toString());
    }

    @Test
    void badNamesAreRefusedInOneLineAndNothingIsSent() {
        List<List<String>> cases = List.of(
                List.of("--data-volume", "--storage-account", "Ward_Lab"),
                List.of("--data-volume", "--storage-account", "wl"),
                List.of("--data-volume", "--storage-account", "a234567890123456789012345"),
                List.of("--data-volume", "--file-share", "ab"),
                List.of("--data-volume", "--file-share", "ward--data"),
                List.of("--data-volume", "--file-share", "-ward"),
                List.of("--data-volume", "--file-share", "Ward"),
                List.of("--data-volume", "--data-mount-path", "var/lib/ward"),
                List.of("--data-volume", "--data-mount-path", "/"),
                List.of("--data-volume", "--data-mount-path", "/var/lib/../../etc"),
                List.of("--data-volume", "--data-mount-path", "/data:rw"),
                List.of("--storage-account", "wardlab42"));
        List<String> expected = List.of(
                "ward: --storage-account 'Ward_Lab' must be 3-24 lowercase letters and digits (an Azure storage account name)",
                "ward: --storage-account 'wl' must be 3-24 lowercase letters and digits (an Azure storage account name)",
                "ward: --storage-account 'a234567890123456789012345' must be 3-24 lowercase letters and digits (an Azure"
                        + " storage account name)",
                "ward: --file-share 'ab' must be 3-63 lowercase letters, digits and single hyphens, starting and ending"
                        + " with a letter or digit (an Azure file share name)",
                "ward: --file-share 'ward--data' must be 3-63 lowercase letters, digits and single hyphens, starting and"
                        + " ending with a letter or digit (an Azure file share name)",
                "ward: --file-share '-ward' must be 3-63 lowercase letters, digits and single hyphens, starting and"
                        + " ending with a letter or digit (an Azure file share name)",
                "ward: --file-share 'Ward' must be 3-63 lowercase letters, digits and single hyphens, starting and"
                        + " ending with a letter or digit (an Azure file share name)",
                "ward: --data-mount-path 'var/lib/ward' must be an absolute path below /, like /var/lib/ward",
                "ward: --data-mount-path '/' must be an absolute path below /, like /var/lib/ward",
                "ward: --data-mount-path '/var/lib/../../etc' must be an absolute path below /, like /var/lib/ward",
                "ward: --data-mount-path '/data:rw' must be an absolute path below /, like /var/lib/ward",
                "ward: --storage-account, --file-share and --data-mount-path need --data-volume");
        for (int i = 0; i < cases.size(); i++) {
            CliRun run = create(cases.get(i).toArray(String[]::new));
            assertEquals(2, run.exitCode(), cases.get(i) + "\n" + run);
            assertEquals(expected.get(i) + "\n", run.err(), cases.get(i).toString());
        }
        assertEquals(List.of(), arm.requestLines(), "nothing is sent to Azure");
    }

    @Test
    void theDefaultShareOfALongGroupNameIsRefusedWithTheFlagToUse() {
        String name = "a".repeat(59);

        CliRun run = CliRun.run(arm.args("aci", "create", "-n", name, "-g", "azlab-rg", "--image", "python:3.12",
                "--data-volume"));

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ward: --file-share '" + name + "-data' must be 3-63 lowercase letters, digits and single hyphens,"
                + " starting and ending with a letter or digit (an Azure file share name)\n", run.err());
        assertEquals(List.of(), arm.requestLines());
    }
}
