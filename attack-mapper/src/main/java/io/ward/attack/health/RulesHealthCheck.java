package io.ward.attack.health;

import io.ward.attack.catalog.AttackCatalog;
import io.ward.attack.classify.Classifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the catalog and the rules are loaded and their examples pass (the service does not start otherwise). */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    private final Classifier classifier;
    private final AttackCatalog catalog;

    public RulesHealthCheck(Classifier classifier, AttackCatalog catalog) {
        this.classifier = classifier;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("attack-rules").up()
                .withData("rulesVersion", classifier.rules().version())
                .withData("rules", classifier.rules().rules().size())
                .withData("techniques", catalog.techniques().size())
                .build();
    }
}
