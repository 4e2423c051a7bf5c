package io.ward.deploy.azure;

import io.ward.deploy.ArmWireMock;
import io.ward.deploy.aci.AciStubs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/**
 * ARM replies for a storage account and its file share in resource group `azlab-rg`, shaped like Azure's: either
 * both missing until the command creates them (GET 404, PUT, then GET 200), or both there already.
 */
public final class StorageStubs {

    /** The account key the stubs hand out: it must reach the group definition and nothing else. */
    public static final String KEY = "c3RvcmFnZS1rZXktdG9wc2VjcmV0LTQy";

    private StorageStubs() {
    }

    public static String accountPath(String account) {
        return AciStubs.RESOURCE_GROUP + "/providers/Microsoft.Storage/storageAccounts/" + account;
    }

    public static String sharePath(String account, String share) {
        return accountPath(account) + "/fileServices/default/shares/" + share;
    }

    /** The account and the share do not exist until the command PUTs them. */
    public static void missing(ArmWireMock arm, String account, String share) {
        String scenario = "account " + account;
        arm.server.stubFor(get(urlPathEqualTo(accountPath(account))).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(notFound("ResourceNotFound", "The Resource 'Microsoft.Storage/storageAccounts/" + account
                        + "' under resource group 'azlab-rg' was not found.")));
        arm.server.stubFor(put(urlPathEqualTo(accountPath(account))).inScenario(scenario)
                .willReturn(okJson(accountJson(account, true))).willSetStateTo("created"));
        arm.server.stubFor(get(urlPathEqualTo(accountPath(account))).inScenario(scenario).whenScenarioStateIs("created")
                .willReturn(okJson(accountJson(account, true))));
        arm.server.stubFor(get(urlPathEqualTo(sharePath(account, share))).willReturn(notFound("ShareNotFound",
                "The specified share does not exist.")));
        arm.server.stubFor(put(urlPathEqualTo(sharePath(account, share))).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(shareJson(account, share))));
        keys(arm, account);
    }

    /** The account (allowing shared key access or not) and the share exist already. */
    public static void existing(ArmWireMock arm, String account, String share, boolean sharedKeyAccess) {
        arm.server.stubFor(get(urlPathEqualTo(accountPath(account))).willReturn(okJson(accountJson(account, sharedKeyAccess))));
        arm.server.stubFor(get(urlPathEqualTo(sharePath(account, share))).willReturn(okJson(shareJson(account, share))));
        keys(arm, account);
    }

    private static void keys(ArmWireMock arm, String account) {
        arm.server.stubFor(post(urlPathEqualTo(accountPath(account) + "/listKeys")).willReturn(okJson(
                "{\"keys\":[{\"keyName\":\"key1\",\"value\":\"" + KEY + "\",\"permissions\":\"FULL\"},"
                        + "{\"keyName\":\"key2\",\"value\":\"c2Vjb25kLWtleQ==\",\"permissions\":\"FULL\"}]}")));
    }

    private static String accountJson(String account, boolean sharedKeyAccess) {
        return "{\"id\":\"" + accountPath(account) + "\",\"name\":\"" + account + "\","
                + "\"type\":\"Microsoft.Storage/storageAccounts\",\"location\":\"westeurope\",\"kind\":\"StorageV2\","
                + "\"sku\":{\"name\":\"Standard_LRS\",\"tier\":\"Standard\"},"
                + "\"properties\":{\"provisioningState\":\"Succeeded\",\"supportsHttpsTrafficOnly\":true,"
                + "\"minimumTlsVersion\":\"TLS1_2\",\"allowBlobPublicAccess\":false,"
                + "\"allowSharedKeyAccess\":" + sharedKeyAccess + ","
                + "\"primaryEndpoints\":{\"file\":\"https://" + account + ".file.core.windows.net/\"}}}";
    }

    private static String shareJson(String account, String share) {
        return "{\"id\":\"" + sharePath(account, share) + "\",\"name\":\"" + share + "\","
                + "\"type\":\"Microsoft.Storage/storageAccounts/fileServices/shares\",\"properties\":{\"shareQuota\":1}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound(String code, String message) {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
