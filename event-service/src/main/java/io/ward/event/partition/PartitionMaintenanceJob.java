package io.ward.event.partition;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.ward.event.config.EventConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/** Creates next months' audit partitions ahead of need and drops those past retention, at start and daily. */
@ApplicationScoped
public class PartitionMaintenanceJob {

    private final AuditPartitions partitions;
    private final EventConfig config;
    private final Clock clock = Clock.systemUTC();

    public PartitionMaintenanceJob(AuditPartitions partitions, EventConfig config) {
        this.partitions = partitions;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        run();
    }

    @Scheduled(cron = "{ward.maintenance.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /**
     * Creates the partitions of this month and the configured months ahead (and completes those of months already
     * stored, e.g. after a migration added a partitioned table), then applies retention.
     */
    public void run() {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        partitions.existing().forEach(partitions::create);
        for (int i = 0; i <= config.audits().partitionsAhead(); i++) {
            partitions.create(current.plusMonths(i));
        }
        dropOlderThan(config.audits().retentionDays());
    }

    /** Drops the partitions whose audits are all older than {@code days} days; returns the months dropped. */
    public List<YearMonth> dropOlderThan(int days) {
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        return partitions.dropEndingBefore(cutoff);
    }
}
