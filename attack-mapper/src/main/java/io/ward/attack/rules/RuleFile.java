package io.ward.attack.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/** The layout of {@code attack-rules.json}, exactly as written; {@link RuleSetLoader} checks and compiles it. */
@RegisterForReflection
record RuleFile(String version, String attackVersion, String comment, Map<String, List<String>> lists,
                Map<String, String> patterns, List<Rule> rules) {

    /**
     * One rule: when all conditions hold, the audit gets the listed techniques. {@code supersedes} names more general
     * rules whose techniques this rule's replace when both match the same command (a find for private keys is
     * credential access, not also file discovery).
     */
    @RegisterForReflection
    record Rule(String id, String description, Integer priority, Conditions when, List<AttackRef> attack,
                List<String> supersedes, List<JsonNode> examples, List<JsonNode> counterExamples) {
    }

    /** Conditions; every one present must hold. Lists are alternatives unless documented otherwise. */
    @RegisterForReflection
    record Conditions(List<String> reasons, List<String> executable, List<String> parents, List<String> programs,
                      List<String> args, List<String> argsNot, List<String> assignments, List<String> writes,
                      List<String> overwrites, List<String> pipedTo, NetworkConditions network, DnsConditions dns) {
    }

    /** Conditions on a network audit's connection. */
    @RegisterForReflection
    record NetworkConditions(String direction, List<String> protocols, List<String> ports, List<String> portsNot,
                             List<String> cidrs) {
    }

    /** Conditions on a DNS audit's query. */
    @RegisterForReflection
    record DnsConditions(List<String> domain, List<String> queryTypes) {
    }

    /** A technique a rule assigns, under one of its tactics. */
    @RegisterForReflection
    record AttackRef(String tactic, String techniqueId) {
    }
}
