package io.ward.deploy.acr;

import io.ward.deploy.ArmWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/** ARM, ACR and blob storage replies for a registry `myacr` in resource group `rg1`, shaped like Azure's. */
public final class AcrStubs {

    public static final String REGISTRY = "/subscriptions/" + ArmWireMock.SUBSCRIPTION
            + "/resourceGroups/rg1/providers/Microsoft.ContainerRegistry/registries/myacr";
    public static final String UPLOAD_PATH = "/blob/source/20261128/context.tar.gz";
    public static final String UPLOAD_SAS = "sv=2021-08-06&sr=b&sig=UPLOADSECRET";
    public static final String LOG_PATH = "/logs/ca1/rawtext.log";

    private AcrStubs() {
    }

    public static String registryJson(boolean adminEnabled) {
        return "{\"id\":\"" + REGISTRY + "\",\"name\":\"myacr\",\"type\":\"Microsoft.ContainerRegistry/registries\","
                + "\"location\":\"westeurope\",\"tags\":{\"env\":\"lab\"},\"sku\":{\"name\":\"Basic\",\"tier\":\"Basic\"},"
                + "\"properties\":{\"loginServer\":\"myacr.azurecr.io\",\"adminUserEnabled\":" + adminEnabled
                + ",\"provisioningState\":\"Succeeded\"}}";
    }

    public static String runJson(String runId, String status) {
        return "{\"id\":\"" + REGISTRY + "/runs/" + runId + "\",\"name\":\"" + runId + "\","
                + "\"type\":\"Microsoft.ContainerRegistry/registries/runs\",\"properties\":{\"runId\":\"" + runId
                + "\",\"status\":\"" + status + "\",\"runType\":\"QuickRun\",\"provisioningState\":\"Succeeded\"}}";
    }

    /** The registry (listed in the subscription), upload URL, blob PUT, scheduleRun and log URL for run ca1. */
    public static void registryAndRun(ArmWireMock arm, boolean adminEnabled) {
        arm.server.stubFor(get(urlPathEqualTo("/subscriptions/" + ArmWireMock.SUBSCRIPTION
                + "/providers/Microsoft.ContainerRegistry/registries"))
                .willReturn(okJson("{\"value\":[" + registryJson(adminEnabled) + "]}")));
        arm.server.stubFor(get(urlPathEqualTo(REGISTRY)).willReturn(okJson(registryJson(adminEnabled))));
        arm.server.stubFor(post(urlPathEqualTo(REGISTRY + "/listBuildSourceUploadUrl"))
                .willReturn(okJson("{\"uploadUrl\":\"" + arm.url() + UPLOAD_PATH + "?" + UPLOAD_SAS
                        + "\",\"relativePath\":\"source/20261128/context.tar.gz\"}")));
        arm.server.stubFor(put(urlPathEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(201)));
        arm.server.stubFor(post(urlPathEqualTo(REGISTRY + "/scheduleRun")).willReturn(okJson(runJson("ca1", "Queued"))));
        arm.server.stubFor(post(urlPathEqualTo(REGISTRY + "/runs/ca1/listLogSasUrl"))
                .willReturn(okJson("{\"logLink\":\"" + arm.url() + LOG_PATH + "?sv=2021-08-06&sig=LOGSECRET\"}")));
    }

    /** Run ca1 goes through the given statuses, one per GET, and stays at the last one. */
    public static void runStatuses(ArmWireMock arm, String... statuses) {
        String state = STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i == statuses.length - 1 ? state : "after-" + i;
            arm.server.stubFor(get(urlPathEqualTo(REGISTRY + "/runs/ca1")).inScenario("run")
                    .whenScenarioStateIs(state).willReturn(okJson(runJson("ca1", statuses[i])))
                    .willSetStateTo(next));
            state = next;
        }
    }

    public static void log(ArmWireMock arm, String text) {
        arm.server.stubFor(get(urlPathEqualTo(LOG_PATH)).willReturn(aResponse().withStatus(200).withBody(text)));
    }
}
