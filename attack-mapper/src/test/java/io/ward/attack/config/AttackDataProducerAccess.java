package io.ward.attack.config;

import io.ward.attack.catalog.AttackCatalog;
import io.ward.attack.classify.Classifier;

/** Lets tests call the real start-up producer outside CDI. */
public final class AttackDataProducerAccess {

    private AttackDataProducerAccess() {
    }

    public static Classifier classifier(AttackCatalog catalog, AttackMapperConfig config) {
        return new AttackDataProducer().classifier(catalog, config);
    }
}
