package io.ward.policy.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The current rule set snapshot that resolve answers from, and the parked long-polls waiting for the next one.
 * A parked poll is an emitter plus a Vert.x timer, not a thread, so thousands cost only memory.
 */
@Startup
@ApplicationScoped
public class RuleSetCache {

    /** A parked poll: completed once, on the Vert.x context that parked it. */
    private static final class Waiter {
        final long knownRevision;
        final UniEmitter<? super RuleSetSnapshot> emitter;
        final Context context;
        final AtomicBoolean done = new AtomicBoolean();
        long timerId = -1;

        Waiter(long knownRevision, UniEmitter<? super RuleSetSnapshot> emitter, Context context) {
            this.knownRevision = knownRevision;
            this.emitter = emitter;
            this.context = context;
        }

        void complete(RuleSetSnapshot snapshot) {
            if (done.compareAndSet(false, true)) {
                if (context != null) {
                    context.runOnContext(ignored -> emitter.complete(snapshot));
                } else {
                    emitter.complete(snapshot);
                }
            }
        }
    }

    private final RuleService rules;
    private final Vertx vertx;
    private final MeterRegistry metrics;

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile RuleSetSnapshot current;

    public RuleSetCache(RuleService rules, Vertx vertx, MeterRegistry metrics) {
        this.rules = rules;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    @PostConstruct
    void load() {
        current = rules.snapshot();
        metrics.gauge("ward.policy.parked.polls", waiters, Set::size);
    }

    public RuleSetSnapshot current() {
        return current;
    }

    /** Re-reads the rule set from the database (after a NOTIFY from any instance) and publishes it if newer. */
    public void refresh() {
        publish(rules.snapshot());
    }

    /** Local changes are published as soon as they commit, without waiting for the NOTIFY round trip. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) RuleSetSnapshot snapshot) {
        publish(snapshot);
    }

    /**
     * Completes with the first snapshot whose revision differs from {@code knownRevision}, or with null when
     * {@code timeout} passes first.
     */
    public Uni<RuleSetSnapshot> awaitChange(long knownRevision, Duration timeout) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(knownRevision, emitter, Vertx.currentContext());
            waiters.add(waiter);
            emitter.onTermination(() -> {
                waiters.remove(waiter);
                vertx.cancelTimer(waiter.timerId);
            });
            waiter.timerId = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> waiter.complete(null));
            RuleSetSnapshot now = current;
            if (now.revision() != knownRevision) {
                waiter.complete(now); // it changed while we were parking
            }
        });
    }

    private void publish(RuleSetSnapshot snapshot) {
        synchronized (this) {
            if (snapshot.revision() <= current.revision()) {
                return;
            }
            current = snapshot;
        }
        for (Waiter waiter : waiters) {
            if (waiter.knownRevision != snapshot.revision()) {
                waiter.complete(snapshot);
            }
        }
    }
}
