package io.ward.deploy.aci;

import io.ward.deploy.ArmWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/** ARM replies for resource group `azlab-rg` (West Europe) and its container groups, shaped like Azure's. */
public final class AciStubs {

    public static final String RESOURCE_GROUP = "/subscriptions/" + ArmWireMock.SUBSCRIPTION + "/resourceGroups/azlab-rg";

    private AciStubs() {
    }

    public static String groupPath(String name) {
        return RESOURCE_GROUP + "/providers/Microsoft.ContainerInstance/containerGroups/" + name;
    }

    public static void resourceGroup(ArmWireMock arm) {
        arm.server.stubFor(get(urlPathMatching("(?i)" + RESOURCE_GROUP)).willReturn(okJson(
                "{\"id\":\"" + RESOURCE_GROUP + "\",\"name\":\"azlab-rg\",\"location\":\"westeurope\","
                        + "\"properties\":{\"provisioningState\":\"Succeeded\"}}")));
    }

    /** A group reply: the PUT body's properties echoed back with the given provisioning state, IP and FQDN. */
    public static String groupJson(String name, String provisioningState, String properties) {
        String props = properties.substring(properties.indexOf('{') + 1, properties.lastIndexOf('}'));
        return "{\"id\":\"" + groupPath(name) + "\",\"name\":\"" + name + "\","
                + "\"type\":\"Microsoft.ContainerInstance/containerGroups\",\"location\":\"westeurope\","
                + "\"properties\":{" + props + ",\"provisioningState\":\"" + provisioningState + "\","
                + "\"instanceView\":{\"state\":\"" + ("Succeeded".equals(provisioningState) ? "Running" : "Pending") + "\"}}}";
    }

    /** PUT answers 201 Creating; GETs answer Creating, then Succeeded (ARM's provisioning-state LRO). */
    public static void createGroup(ArmWireMock arm, String name, String properties) {
        arm.server.stubFor(put(urlPathEqualTo(groupPath(name))).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(groupJson(name, "Creating", properties))));
        arm.server.stubFor(get(urlPathEqualTo(groupPath(name))).inScenario("lro").whenScenarioStateIs(STARTED)
                .willReturn(okJson(groupJson(name, "Creating", properties))).willSetStateTo("done"));
        arm.server.stubFor(get(urlPathEqualTo(groupPath(name))).inScenario("lro").whenScenarioStateIs("done")
                .willReturn(okJson(groupJson(name, "Succeeded", properties))));
    }
}
