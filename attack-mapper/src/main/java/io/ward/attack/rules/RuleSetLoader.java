package io.ward.attack.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.attack.catalog.AttackCatalog;
import io.ward.attack.catalog.DataFileException;
import io.ward.attack.catalog.Technique;
import io.ward.attack.classify.AttackTechnique;
import io.ward.attack.classify.Audit;
import io.ward.attack.classify.AuditProcess;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code attack-rules.json}, checks every field against the catalog and compiles the rules. Anything wrong
 * raises a {@link DataFileException} naming the file, the rule and the field, so a bad file stops the service.
 */
public final class RuleSetLoader {

    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern LIST_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Set<String> REASONS = Set.of("denied", "not-allowed", "crypto-miner", "modified-binary",
            "reverse-shell", "listen-port", "outbound", "dns");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String fileName;
    private final AttackCatalog catalog;
    private RuleFile file;
    private String ruleId;

    private RuleSetLoader(String fileName, AttackCatalog catalog) {
        this.fileName = fileName;
        this.catalog = catalog;
    }

    public static RuleSet load(String fileName, InputStream in, AttackCatalog catalog) {
        return new RuleSetLoader(fileName, catalog).load(in);
    }

    private RuleSet load(InputStream in) {
        try {
            file = JSON.readValue(in, RuleFile.class);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new DataFileException(fileName + ": not a valid rules file: " + detail, e);
        }
        if (file == null || blank(file.version()) || file.rules() == null || file.rules().isEmpty()) {
            throw fail("version and a non-empty rules list are required");
        }
        if (!catalog.attackVersion().equals(file.attackVersion())) {
            throw fail("attackVersion '" + file.attackVersion() + "' does not match the catalog's '"
                    + catalog.attackVersion() + "'");
        }
        checkNamedEntries();
        List<CompiledRule> rules = new ArrayList<>();
        List<RuleExample> examples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (RuleFile.Rule rule : file.rules()) {
            ruleId = rule == null ? null : rule.id();
            if (ruleId == null || !RULE_ID.matcher(ruleId).matches()) {
                throw fail("every rule needs an id of lower-case words joined by '-', got '" + ruleId + "'");
            }
            if (!ids.add(ruleId)) {
                throw fail("the id is used twice");
            }
            rules.add(compile(rule));
            examples.addAll(examples(rule.examples(), true, "examples"));
            examples.addAll(examples(rule.counterExamples(), false, "counterExamples"));
        }
        for (CompiledRule rule : rules) {
            ruleId = rule.id();
            for (String superseded : rule.supersedes()) {
                if (!ids.contains(superseded) || superseded.equals(ruleId)) {
                    throw fail("supersedes names '" + superseded + "', which is not another rule of the file");
                }
            }
        }
        return new RuleSet(file.version(), rules, examples);
    }

    private void checkNamedEntries() {
        if (file.lists() != null) {
            file.lists().forEach((name, values) -> {
                if (!LIST_NAME.matcher(name).matches() || values == null || values.isEmpty()
                        || values.stream().anyMatch(RuleSetLoader::blank)) {
                    throw fail("list '" + name + "' needs a plain name and non-blank program names");
                }
            });
        }
        if (file.patterns() != null) {
            file.patterns().forEach((name, regex) -> {
                if (!LIST_NAME.matcher(name).matches()) {
                    throw fail("pattern name '" + name + "' must be a plain name");
                }
                regex("patterns." + name, regex);
            });
        }
    }

    private CompiledRule compile(RuleFile.Rule rule) {
        if (blank(rule.description())) {
            throw fail("description is required");
        }
        if (rule.priority() == null || rule.priority() < 0 || rule.priority() > 100) {
            throw fail("priority must be a number from 0 to 100");
        }
        if (rule.examples() == null || rule.examples().isEmpty()) {
            throw fail("at least one example is required");
        }
        RuleFile.Conditions when = rule.when();
        if (when == null || allNull(when)) {
            throw fail("'when' needs at least one condition");
        }
        if (when.network() != null && when.dns() != null) {
            throw fail("a rule judges either network or dns audits, not both");
        }
        return new CompiledRule(ruleId, rule.priority(), attack(rule.attack()),
                rule.supersedes() == null ? Set.of() : Set.copyOf(rule.supersedes()), new CompiledRule.Conditions(
                reasons(when.reasons()), patterns("when.executable", when.executable()),
                programs("when.parents", when.parents()), programs("when.programs", when.programs()),
                patterns("when.args", when.args()), patterns("when.argsNot", when.argsNot()),
                patterns("when.assignments", when.assignments()), patterns("when.writes", when.writes()),
                patterns("when.overwrites", when.overwrites()), programs("when.pipedTo", when.pipedTo()),
                network(when.network()), dns(when.dns())));
    }

    private List<AttackTechnique> attack(List<RuleFile.AttackRef> refs) {
        if (refs == null || refs.isEmpty()) {
            throw fail("attack needs at least one technique");
        }
        List<AttackTechnique> attack = new ArrayList<>();
        for (RuleFile.AttackRef ref : refs) {
            Technique technique = catalog.technique(ref.techniqueId()).orElseThrow(
                    () -> fail("technique " + ref.techniqueId() + " is not in the catalog"));
            if (!technique.tactics().contains(ref.tactic())) {
                throw fail("technique " + technique.id() + " does not serve tactic '" + ref.tactic()
                        + "' (catalog: " + technique.tactics() + ")");
            }
            attack.add(new AttackTechnique(ref.tactic(), technique.id(), technique.name()));
        }
        return attack;
    }

    private Set<String> reasons(List<String> reasons) {
        if (reasons == null) {
            return null;
        }
        nonEmpty("when.reasons", reasons);
        reasons.stream().filter(reason -> !REASONS.contains(reason)).findFirst().ifPresent(reason -> {
            throw fail("when.reasons: unknown reason '" + reason + "', expected one of " + REASONS);
        });
        return Set.copyOf(reasons);
    }

    private ProgramMatcher programs(String field, List<String> entries) {
        if (entries == null) {
            return null;
        }
        nonEmpty(field, entries);
        return new ProgramMatcher(expand(field, entries, name -> file.lists() == null ? null : file.lists().get(name)));
    }

    private List<Pattern> patterns(String field, List<String> entries) {
        if (entries == null) {
            return null;
        }
        nonEmpty(field, entries);
        List<String> regexes = expand(field, entries, name -> {
            String regex = file.patterns() == null ? null : file.patterns().get(name);
            return regex == null ? null : List.of(regex);
        });
        return regexes.stream().map(regex -> regex(field, regex)).toList();
    }

    /** Replaces {@code @name} entries by what they name. */
    private List<String> expand(String field, List<String> entries, Function<String, List<String>> lookup) {
        List<String> expanded = new ArrayList<>();
        for (String entry : entries) {
            if (blank(entry)) {
                throw fail(field + " has a blank entry");
            }
            if (entry.startsWith("@")) {
                List<String> named = lookup.apply(entry.substring(1));
                if (named == null) {
                    throw fail(field + ": '" + entry + "' names nothing defined in the file");
                }
                expanded.addAll(named);
            } else {
                expanded.add(entry);
            }
        }
        return expanded;
    }

    private CompiledRule.NetworkMatch network(RuleFile.NetworkConditions network) {
        if (network == null) {
            return null;
        }
        if (network.direction() != null && !Set.of("listen", "outbound").contains(network.direction())) {
            throw fail("when.network.direction must be listen or outbound");
        }
        if (network.protocols() != null && !Set.of("tcp", "udp", "raw").containsAll(network.protocols())) {
            throw fail("when.network.protocols may only list tcp, udp and raw");
        }
        try {
            return new CompiledRule.NetworkMatch(network.direction(),
                    network.protocols() == null ? null : Set.copyOf(network.protocols()),
                    ranges(network.ports()), ranges(network.portsNot()),
                    network.cidrs() == null ? null : network.cidrs().stream().map(Cidr::parse).toList());
        } catch (IllegalArgumentException e) {
            throw fail("when.network: " + e.getMessage());
        }
    }

    private static List<PortRange> ranges(List<String> ports) {
        return ports == null ? null : ports.stream().map(PortRange::parse).toList();
    }

    private CompiledRule.DnsMatch dns(RuleFile.DnsConditions dns) {
        if (dns == null) {
            return null;
        }
        return new CompiledRule.DnsMatch(patterns("when.dns.domain", dns.domain()), dns.queryTypes() == null ? null
                : Set.copyOf(dns.queryTypes().stream().map(type -> type.toUpperCase(Locale.ROOT)).toList()));
    }

    private List<RuleExample> examples(List<JsonNode> nodes, boolean fires, String field) {
        List<RuleExample> examples = new ArrayList<>();
        if (nodes == null) {
            return examples;
        }
        for (JsonNode node : nodes) {
            Audit audit;
            if (node.isTextual()) {
                audit = new Audit(ruleId, null, null, new AuditProcess(null, node.asText(), null), null, null);
            } else if (node.isObject()) {
                ObjectNode withId = ((ObjectNode) node.deepCopy()).put("id", ruleId);
                try {
                    audit = JSON.treeToValue(withId, Audit.class);
                } catch (JsonProcessingException e) {
                    throw fail(field + ": " + node + " is not an audit: " + e.getOriginalMessage());
                }
            } else {
                throw fail(field + " entries are command lines or audit objects, got " + node);
            }
            examples.add(new RuleExample(ruleId, audit, fires));
        }
        return examples;
    }

    private Pattern regex(String field, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw fail(field + ": invalid regular expression " + regex + ": " + e.getDescription());
        }
    }

    private void nonEmpty(String field, List<String> entries) {
        if (entries.isEmpty()) {
            throw fail(field + " must not be empty (leave it out instead)");
        }
    }

    private static boolean allNull(RuleFile.Conditions when) {
        return when.reasons() == null && when.executable() == null && when.parents() == null
                && when.programs() == null && when.args() == null && when.argsNot() == null
                && when.assignments() == null && when.writes() == null && when.overwrites() == null
                && when.pipedTo() == null && when.network() == null && when.dns() == null;
    }

    private DataFileException fail(String message) {
        return new DataFileException(fileName + (ruleId == null ? "" : ": rule '" + ruleId + "'") + ": " + message);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
