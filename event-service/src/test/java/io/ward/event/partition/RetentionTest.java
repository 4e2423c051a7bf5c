package io.ward.event.partition;

import static io.ward.event.Api.asAdmin;
import static io.ward.event.Api.assertJson;
import static io.ward.event.Api.processAudit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ward.event.Api;
import io.ward.event.WardStack;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monthly partitions: created ahead of need and on demand for older audits, dropped whole past retention. */
@QuarkusTest
@QuarkusTestResource(value = WardStack.class, restrictToAnnotatedClass = false)
class RetentionTest {

    private static final String PATH = "/api/v1/audits/app-embedded";

    @Inject
    AuditPartitions partitions;

    @Inject
    PartitionMaintenanceJob maintenance;

    @Test
    void partitionsExistAheadOfNeedAndOnDemand() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<YearMonth> existing = partitions.existing();
        assertTrue(existing.containsAll(List.of(now, now.plusMonths(1), now.plusMonths(2))), existing.toString());

        String app = Api.newAppId("old");
        Instant old = Api.now().minus(150, ChronoUnit.DAYS);
        asAdmin().body(List.of(processAudit(app, old, "/bin/sh -c ls"))).post(PATH).then().statusCode(200);
        assertTrue(partitions.existing().contains(YearMonth.from(old.atOffset(ZoneOffset.UTC))));
    }

    @Test
    void retentionDropsWholeMonthsPastTheLimitAndKeepsTheRest() {
        String app = Api.newAppId("retention");
        Instant old = Api.now().minus(200, ChronoUnit.DAYS);
        YearMonth oldMonth = YearMonth.from(old.atOffset(ZoneOffset.UTC));
        asAdmin().body(List.of(processAudit(app, old, "/bin/sh -c ls"), processAudit(app, Api.now(), "/bin/sh -c id")))
                .post(PATH).then().statusCode(200);
        assertJson("{\"count\":2}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());

        List<YearMonth> dropped = maintenance.dropOlderThan(100);
        assertTrue(dropped.contains(oldMonth), dropped.toString());
        dropped.forEach(m -> assertTrue(m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                .isBefore(Instant.now().minus(100, ChronoUnit.DAYS)), "only months wholly past retention: " + m));
        assertTrue(!partitions.existing().contains(oldMonth));
        assertJson("{\"count\":1}", asAdmin().queryParam("appId", app).get(PATH + "/count").then().extract().asString());
        assertEquals("/bin/sh -c id", Api.tree(asAdmin().queryParam("appId", app).get(PATH).then().extract().asString())
                .get("items").get(0).get("process").get("command").asText());
    }
}
