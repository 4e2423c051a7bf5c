package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ward.localpg.LocalService;
import org.junit.jupiter.api.Test;

/** The rule file the README's ACI walkthrough applies is the very rule `ward demo` creates. */
class SeedRuleFileTest {

    @Test
    void seedRuleYamlIsExercise1() throws Exception {
        var file = LocalService.wardHome().resolve("examples/pwn-python/seed-rule.yaml").toFile();
        assertEquals(SeedWalkthrough.seedRule("alert"), new ObjectMapper(new YAMLFactory()).readTree(file));
    }
}
