package io.ward.event.classify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.ward.event.audit.Audit;
import io.ward.event.config.EventConfig;
import io.ward.event.explorer.Tactic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Classifies stored audits in the background, oldest first, in batches: right after each ingestion and on a
 * schedule, so audits stored while attack-mapper was down are classified once it is back. One worker thread
 * does all of it, so ingestion never waits for attack-mapper.
 */
@ApplicationScoped
public class BacklogClassifier {

    private static final Logger LOG = Logger.getLogger(BacklogClassifier.class);
    /** While attack-mapper is down, re-reading the backlog after every ingested batch would only load the database. */
    private static final Duration QUIET_AFTER_FAILURE = Duration.ofSeconds(5);

    private final ClassificationRepository repository;
    private final AttackClassifier classifier;
    private final EventConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "audit-classifier"));
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    /** After attack-mapper failed, ingestion stops triggering runs until then; the scheduled retry still runs. */
    private volatile Instant quietUntil = Instant.MIN;

    public BacklogClassifier(ClassificationRepository repository, AttackClassifier classifier, EventConfig config,
                             MeterRegistry registry) {
        this.repository = repository;
        this.classifier = classifier;
        this.config = config;
        Gauge.builder("ward.audits.unclassified", backlog, AtomicLong::get)
                .description("Stored audits waiting for ATT&CK classification by attack-mapper")
                .register(registry);
    }

    /** Asks the worker to classify what was just stored; returns at once (at most one run is queued). */
    public void requestClassification() {
        if (Instant.now().isAfter(quietUntil)) {
            submit();
        }
    }

    private void submit() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    classifyBacklog();
                });
            } catch (RejectedExecutionException stopping) {
                // the scheduler can still fire while the service shuts down: what is left waits for the next start
                queued.set(false);
            }
        }
    }

    @Scheduled(every = "{ward.classification.backlog-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryBacklog() {
        submit();
    }

    /**
     * Classifies batches until none is left or attack-mapper cannot answer; then refreshes the backlog gauge. Each
     * read and each save is a short transaction of its own: none stays open while attack-mapper is called, and a
     * saved batch stays saved when a later one fails.
     */
    void classifyBacklog() {
        try {
            int batchSize = config.classification().batchSize();
            while (true) {
                List<Audit> batch = QuarkusTransaction.requiringNew().call(() -> repository.unclassified(batchSize));
                if (batch.isEmpty()) {
                    break;
                }
                Optional<List<Classification>> result = classifier.classify(batch);
                if (result.isEmpty()) {
                    quietUntil = Instant.now().plus(QUIET_AFTER_FAILURE);
                    break;
                }
                Map<UUID, List<AttackTechnique>> techniques = byAuditId(result.get());
                QuarkusTransaction.requiringNew().call(() -> repository.save(batch, techniques));
                if (batch.size() < batchSize) {
                    break;
                }
            }
            backlog.set(QuarkusTransaction.requiringNew().call(repository::backlogSize));
        } catch (Exception e) {
            LOG.error("classifying the audit backlog failed; the next run retries", e);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** attack-mapper's answer per audit id, with tactic ids normalised and repeated techniques dropped. */
    static Map<UUID, List<AttackTechnique>> byAuditId(List<Classification> classifications) {
        Map<UUID, List<AttackTechnique>> out = new LinkedHashMap<>();
        for (Classification c : classifications) {
            if (c == null || c.id() == null) {
                continue;
            }
            Set<AttackTechnique> techniques = new LinkedHashSet<>();
            for (AttackTechnique t : c.attack() == null ? List.<AttackTechnique>of() : c.attack()) {
                if (t != null && t.tactic() != null && t.techniqueId() != null) {
                    techniques.add(new AttackTechnique(Tactic.normalize(t.tactic()),
                            t.techniqueId().trim().toUpperCase(Locale.ROOT),
                            t.techniqueName() == null ? "" : t.techniqueName()));
                }
            }
            out.put(c.id(), new ArrayList<>(techniques));
        }
        return out;
    }
}
