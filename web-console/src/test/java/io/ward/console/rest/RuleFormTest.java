package io.ward.console.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ward.console.client.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor's text areas are lists one entry per line; a stored rule reads back into the same form. */
class RuleFormTest {

    @Test
    void linesBecomeListsAndUncheckedBoxesFalse() {
        RuleForm form = RuleForm.blank();
        form.name = " Seed ";
        form.processesAllowed = "python\r\n  python3 \n\n/usr/src/app/app.py\n";
        form.listeningPorts = "5000";
        form.dnsEnabled = null;
        form.processesEffect = "prevent";
        Rule rule = form.toRule();
        assertEquals("Seed", rule.name());
        assertEquals(List.of("*"), rule.scope().appIds());
        assertEquals(List.of("python", "python3", "/usr/src/app/app.py"), rule.processes().allowed());
        assertEquals(List.of(), rule.processes().denied());
        assertEquals("prevent", rule.processes().effect());
        assertEquals(List.of("5000"), rule.network().listeningPorts());
        assertEquals(false, rule.dns().enabled());
        assertEquals(true, rule.processes().cryptoMiners());
    }

    @Test
    void aStoredRuleReadsBackUnchanged() {
        Rule stored = new Rule("Seed", "", false, new Rule.Scope(List.of("web-*", "api")),
                new Rule.Processes(true, List.of("python"), List.of("nc"), "alert", false, true),
                new Rule.Network(true, List.of("5000"), List.of(), List.of("10.0.0.0/8"), "prevent"),
                new Rule.Dns(false, List.of(), List.of("*.evil.example"), "alert"), 7L, null, null);
        RuleForm form = RuleForm.of(stored);
        assertEquals("Seed", form.originalName);
        assertEquals(stored, form.toRule());
    }
}
