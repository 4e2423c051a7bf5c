package io.ward.attack.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ward.attack.catalog.AttackCatalog;
import io.ward.attack.catalog.CatalogLoader;
import io.ward.attack.classify.Classifier;
import io.ward.attack.classify.RuleExampleCheck;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Executes every example and counter-example embedded in the shipped attack-rules.json. */
class RuleExamplesTest {

    static AttackCatalog shippedCatalog() throws Exception {
        try (InputStream in = RuleExamplesTest.class.getResourceAsStream("/attack-catalog.json")) {
            return CatalogLoader.load("attack-catalog.json", in);
        }
    }

    static RuleSet shippedRules(AttackCatalog catalog) throws Exception {
        try (InputStream in = RuleExamplesTest.class.getResourceAsStream("/attack-rules.json")) {
            return RuleSetLoader.load("attack-rules.json", in, catalog);
        }
    }

    @Test
    void everyRuleHasAnExampleAndAllExamplesHold() throws Exception {
        RuleSet rules = shippedRules(shippedCatalog());
        Set<String> withExamples = rules.examples().stream().filter(RuleExample::fires).map(RuleExample::ruleId)
                .collect(Collectors.toSet());
        assertEquals(rules.rules().stream().map(CompiledRule::id).collect(Collectors.toSet()), withExamples);

        List<String> failures = RuleExampleCheck.failures(new Classifier(rules));

        assertEquals(List.of(), failures, () -> String.join("\n", failures));
        System.out.printf("attack-rules.json: %d rules, %d examples, %d counter-examples%n", rules.rules().size(),
                rules.examples().stream().filter(RuleExample::fires).count(),
                rules.examples().stream().filter(example -> !example.fires()).count());
        assertTrue(rules.rules().size() >= 100, "rule count " + rules.rules().size());
    }
}
