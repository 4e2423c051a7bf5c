package io.ward.event;

import static io.ward.event.Api.asAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Waits for background classification: the stored audits of an app, once every one of them has its attack list. */
public final class Classified {

    private Classified() {
    }

    public static List<JsonNode> awaitAll(String appId, int expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<JsonNode> items = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            items.clear();
            Api.tree(asAdmin().queryParam("appId", appId).queryParam("limit", 500)
                    .get("/api/v1/audits/app-embedded").then().statusCode(200).extract().asString())
                    .get("items").forEach(items::add);
            if (items.size() == expected && items.stream().allMatch(i -> i.get("attack").isArray())) {
                return items;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not all " + expected + " audits of " + appId + " were classified within " + timeout
                + ": " + items);
    }
}
