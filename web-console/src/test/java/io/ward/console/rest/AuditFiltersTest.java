package io.ward.console.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audits page's filters become event-service's query and the page's own links. */
class AuditFiltersTest {

    @Test
    void blankFiltersAreLeftOutAndTheTimeRangeIsReadAsUtc() {
        AuditFilters filters = new AuditFilters();
        filters.appId = " webadmin-aci ";
        filters.type = "";
        filters.effect = "prevent";
        filters.from = "2026-12-04T16:30";
        filters.to = "2026-12-04T17:00:05";
        filters.cursor = "abc";
        assertEquals(Map.of("appId", "webadmin-aci", "effect", "prevent", "from", "2026-12-04T16:30:00Z",
                "to", "2026-12-04T17:00:05Z"), filters.serviceQuery());
    }

    @Test
    void theQueryStringIsEncodedAndKeepsNoCursor() {
        AuditFilters filters = new AuditFilters();
        filters.q = "a&b=c <script>";
        filters.ruleName = "Org rule";
        filters.cursor = "abc";
        assertEquals("ruleName=Org%20rule&q=a%26b%3Dc%20%3Cscript%3E", filters.queryString());
    }
}
