package io.ward.attack.rules;

import io.ward.attack.classify.AttackTechnique;
import io.ward.attack.classify.AuditDns;
import io.ward.attack.classify.AuditFacts;
import io.ward.attack.classify.AuditNetwork;
import io.ward.attack.classify.SimpleCommand;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated rule ready to evaluate. Audit-level conditions (reason, executable, parent, network, dns) are checked
 * once per audit; command-level conditions (program, arguments, assignments, writes, pipe) must all hold for one
 * command of the audit. A null condition always holds.
 */
public final class CompiledRule {

    /** The condition values, already resolved and compiled by {@link RuleSetLoader}. */
    record Conditions(Set<String> reasons, List<Pattern> executable, ProgramMatcher parents, ProgramMatcher programs,
                      List<Pattern> args, List<Pattern> argsNot, List<Pattern> assignments, List<Pattern> writes,
                      List<Pattern> overwrites, ProgramMatcher pipedTo, NetworkMatch network, DnsMatch dns) {
    }

    /** Network conditions; an empty one matches every network audit. */
    record NetworkMatch(String direction, Set<String> protocols, List<PortRange> ports, List<PortRange> portsNot,
                        List<Cidr> cidrs) {

        boolean matches(AuditNetwork network) {
            if (network == null) {
                return false;
            }
            int port = network.port();
            return (direction == null || direction.equals(network.direction()))
                    && (protocols == null || network.protocol() != null && protocols.contains(network.protocol()))
                    && (ports == null || ports.stream().anyMatch(range -> range.contains(port)))
                    && (portsNot == null || portsNot.stream().noneMatch(range -> range.contains(port)))
                    && (cidrs == null || cidrs.stream().anyMatch(cidr -> cidr.contains(network.ip())));
        }
    }

    /** DNS conditions: the domain must match one pattern, the query type must be listed. */
    record DnsMatch(List<Pattern> domain, Set<String> queryTypes) {

        boolean matches(AuditDns dns) {
            if (dns == null) {
                return false;
            }
            String type = dns.queryType() == null ? null : dns.queryType().toUpperCase(Locale.ROOT);
            return (domain == null || anyFinds(domain, List.of(dns.domain())))
                    && (queryTypes == null || type != null && queryTypes.contains(type));
        }
    }

    private final String id;
    private final int priority;
    private final List<AttackTechnique> attack;
    private final Conditions when;
    private final boolean commandRule;
    private final Set<String> supersedes;

    CompiledRule(String id, int priority, List<AttackTechnique> attack, Set<String> supersedes, Conditions when) {
        this.id = id;
        this.priority = priority;
        this.attack = List.copyOf(attack);
        this.supersedes = Set.copyOf(supersedes);
        this.when = when;
        this.commandRule = when.programs() != null || when.args() != null || when.argsNot() != null
                || when.assignments() != null || when.writes() != null || when.overwrites() != null
                || when.pipedTo() != null;
    }

    public String id() {
        return id;
    }

    /** Lower comes first in a classification. */
    public int priority() {
        return priority;
    }

    public List<AttackTechnique> attack() {
        return attack;
    }

    /** Ids of the more general rules this one replaces where both match the same command. */
    public Set<String> supersedes() {
        return supersedes;
    }

    /** Network rules judge network audits, DNS rules DNS audits, command rules process audits; others any audit. */
    public boolean appliesTo(String auditType) {
        if (when.network() != null) {
            return auditType.equals("network");
        }
        if (when.dns() != null) {
            return auditType.equals("dns");
        }
        return !commandRule || auditType.equals("processes");
    }

    /** True when the rule's conditions include command-level ones, which one command must satisfy. */
    public boolean isCommandRule() {
        return commandRule;
    }

    /** The exact program names the rule requires, or null when it has no program condition or uses globs. */
    public Set<String> indexableProgramNames() {
        return when.programs() == null ? null : when.programs().exactNamesIfNoGlobs();
    }

    public boolean matchesAudit(AuditFacts facts) {
        return (when.reasons() == null || facts.audit().reason() != null && when.reasons().contains(facts.audit().reason()))
                && (when.executable() == null || facts.executable() != null
                        && anyFinds(when.executable(), List.of(facts.executable())))
                && (when.parents() == null || when.parents().matches(facts.parentName()))
                && (when.network() == null || when.network().matches(facts.audit().network()))
                && (when.dns() == null || when.dns().matches(facts.audit().dns()));
    }

    public boolean matchesCommand(SimpleCommand command) {
        // cheap checks first: most commands write nothing, pipe nowhere and assign nothing
        return (when.programs() == null || when.programs().matchesAny(command.programs()))
                && (when.assignments() == null || anyFinds(when.assignments(), command.assignments()))
                && (when.writes() == null || anyFinds(when.writes(), command.writes()))
                && (when.overwrites() == null || anyFinds(when.overwrites(), command.overwrites()))
                && (when.pipedTo() == null || when.pipedTo().matches(command.pipedTo()))
                && (when.args() == null || when.args().stream().allMatch(p -> p.matcher(command.argsText()).find()))
                && (when.argsNot() == null || when.argsNot().stream().noneMatch(p -> p.matcher(command.argsText()).find()));
    }

    private static boolean anyFinds(List<Pattern> patterns, List<String> values) {
        for (String value : values) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(value).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
