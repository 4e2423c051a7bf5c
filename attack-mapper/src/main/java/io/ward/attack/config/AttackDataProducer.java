package io.ward.attack.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.ward.attack.catalog.AttackCatalog;
import io.ward.attack.catalog.CatalogLoader;
import io.ward.attack.catalog.DataFileException;
import io.ward.attack.classify.Classifier;
import io.ward.attack.classify.RuleExampleCheck;
import io.ward.attack.rules.RuleSet;
import io.ward.attack.rules.RuleSetLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * Loads the ATT&CK catalog and the rules at start and checks every rule's embedded examples. Any problem stops
 * the service with a message naming the file, the rule and the field: it never runs with a half-valid rule set.
 */
@ApplicationScoped
public class AttackDataProducer {

    static final String CATALOG_RESOURCE = "attack-catalog.json";
    static final String RULES_RESOURCE = "attack-rules.json";

    @Produces
    @Singleton
    @Startup
    AttackCatalog catalog() {
        try (InputStream in = resource(CATALOG_RESOURCE)) {
            return CatalogLoader.load(CATALOG_RESOURCE, in);
        } catch (IOException e) {
            throw new DataFileException(CATALOG_RESOURCE + ": cannot be read: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    @Startup
    Classifier classifier(AttackCatalog catalog, AttackMapperConfig config) {
        String name = config.rulesFile().map(Object::toString).orElse(RULES_RESOURCE);
        RuleSet rules;
        try (InputStream in = config.rulesFile().isPresent() ? Files.newInputStream(config.rulesFile().get())
                : resource(RULES_RESOURCE)) {
            rules = RuleSetLoader.load(name, in, catalog);
        } catch (IOException e) {
            throw new DataFileException(name + ": cannot be read: " + e.getMessage(), e);
        }
        Classifier classifier = new Classifier(rules);
        List<String> failures = RuleExampleCheck.failures(classifier);
        if (!failures.isEmpty()) {
            throw new DataFileException(name + ": " + failures.size() + " rule example(s) fail:\n  "
                    + String.join("\n  ", failures));
        }
        Log.infof("Loaded %d ATT&CK rules (version %s, %d examples checked) and %d techniques from %s",
                rules.rules().size(), rules.version(), rules.examples().size(), catalog.techniques().size(), name);
        return classifier;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("not found on the classpath");
        }
        return in;
    }
}
