package io.ward.event.classify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The scheduler may fire the backlog retry while the service shuts down, after the worker has stopped. */
class BacklogClassifierStopTest {

    @Test
    void aRetryAfterTheWorkerStoppedIsIgnored() throws InterruptedException {
        // the retry only hands work to the worker: nothing else is touched before the worker runs it
        BacklogClassifier classifier = new BacklogClassifier(null, null, null, new SimpleMeterRegistry());
        classifier.stop(null);
        assertDoesNotThrow(classifier::retryBacklog);
        assertDoesNotThrow(classifier::requestClassification);
    }
}
