package io.ward.console.rest;

import io.quarkus.qute.TemplateData;
import io.ward.console.client.Rule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The rule editor's form: the seed's sections (scope, processes, networking, DNS), lists one entry per line. Inputs
 * are named as policy-service's fields so that its problem's {@code errors[].field} lands at the right input.
 */
@TemplateData
public class RuleForm {

    /** The rule's name before this edit; blank when creating. */
    @RestForm
    public String originalName;
    @RestForm
    public Long revision;
    @RestForm
    public String name;
    @RestForm
    public String notes;
    @RestForm("scope.appIds")
    public String appIds;
    @RestForm("processes.enabled")
    public String processesEnabled;
    @RestForm("processes.allowed")
    public String processesAllowed;
    @RestForm("processes.denied")
    public String processesDenied;
    @RestForm("processes.effect")
    public String processesEffect;
    @RestForm("processes.cryptoMiners")
    public String cryptoMiners;
    @RestForm("processes.modifiedBinaries")
    public String modifiedBinaries;
    @RestForm("network.enabled")
    public String networkEnabled;
    @RestForm("network.listeningPorts")
    public String listeningPorts;
    @RestForm("network.outboundPorts")
    public String outboundPorts;
    @RestForm("network.outboundIps")
    public String outboundIps;
    @RestForm("network.effect")
    public String networkEffect;
    @RestForm("dns.enabled")
    public String dnsEnabled;
    @RestForm("dns.allowed")
    public String dnsAllowed;
    @RestForm("dns.denied")
    public String dnsDenied;
    @RestForm("dns.effect")
    public String dnsEffect;

    /** policy-service's field errors by input name. */
    public Map<String, String> errors = Map.of();

    /** A new rule as the seed starts one: every section on, alert, for every app. */
    public static RuleForm blank() {
        RuleForm form = new RuleForm();
        form.appIds = "*";
        form.processesEnabled = form.networkEnabled = form.dnsEnabled = "on";
        form.cryptoMiners = form.modifiedBinaries = "on";
        form.processesEffect = form.networkEffect = form.dnsEffect = "alert";
        return form;
    }

    public static RuleForm of(Rule rule) {
        RuleForm form = new RuleForm();
        form.originalName = rule.name();
        form.revision = rule.revision();
        form.name = rule.name();
        form.notes = rule.notes();
        form.appIds = lines(rule.scope() == null ? null : rule.scope().appIds());
        Rule.Processes p = rule.processes();
        if (p != null) {
            form.processesEnabled = onIf(p.enabled());
            form.processesAllowed = lines(p.allowed());
            form.processesDenied = lines(p.denied());
            form.processesEffect = p.effect();
            form.cryptoMiners = onIf(p.cryptoMiners());
            form.modifiedBinaries = onIf(p.modifiedBinaries());
        }
        Rule.Network n = rule.network();
        if (n != null) {
            form.networkEnabled = onIf(n.enabled());
            form.listeningPorts = lines(n.listeningPorts());
            form.outboundPorts = lines(n.outboundPorts());
            form.outboundIps = lines(n.outboundIps());
            form.networkEffect = n.effect();
        }
        Rule.Dns d = rule.dns();
        if (d != null) {
            form.dnsEnabled = onIf(d.enabled());
            form.dnsAllowed = lines(d.allowed());
            form.dnsDenied = lines(d.denied());
            form.dnsEffect = d.effect();
        }
        return form;
    }

    /** The rule policy-service is asked to store (it validates every field). */
    public Rule toRule() {
        return new Rule(name == null ? null : name.trim(), notes == null ? "" : notes, false,
                new Rule.Scope(list(appIds)),
                new Rule.Processes(on(processesEnabled), list(processesAllowed), list(processesDenied),
                        processesEffect, on(cryptoMiners), on(modifiedBinaries)),
                new Rule.Network(on(networkEnabled), list(listeningPorts), list(outboundPorts), list(outboundIps),
                        networkEffect),
                new Rule.Dns(on(dnsEnabled), list(dnsAllowed), list(dnsDenied), dnsEffect),
                revision, null, null);
    }

    public boolean isNew() {
        return originalName == null || originalName.isBlank();
    }

    public boolean isChecked(String field) {
        return switch (field) {
            case "processes.enabled" -> on(processesEnabled);
            case "processes.cryptoMiners" -> on(cryptoMiners);
            case "processes.modifiedBinaries" -> on(modifiedBinaries);
            case "network.enabled" -> on(networkEnabled);
            case "dns.enabled" -> on(dnsEnabled);
            default -> false;
        };
    }

    /** The error shown at input {@code field}, or null. */
    public String error(String field) {
        return errors.get(field);
    }

    private static boolean on(String value) {
        return value != null && !value.isBlank();
    }

    private static String onIf(Boolean value) {
        return Boolean.TRUE.equals(value) ? "on" : null;
    }

    private static String lines(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }

    private static List<String> list(String lines) {
        if (lines == null) {
            return List.of();
        }
        return Arrays.stream(lines.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
