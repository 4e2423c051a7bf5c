package io.ward.event.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed configuration of event-service (keys under {@code ward.}). */
@ConfigMapping(prefix = "ward")
public interface EventConfig {

    Audits audits();

    Defenders defenders();

    Classification classification();

    ServiceAccessKey serviceAccessKey();

    Endpoint attackMapper();

    Endpoint policyService();

    Maintenance maintenance();

    /** Audit ingestion and storage. */
    interface Audits {
        /** Whole monthly partitions whose every audit is older than this many days are dropped. */
        @WithDefault("90")
        int retentionDays();

        /** Largest batch accepted by one POST; larger batches get 413. */
        @WithDefault("1000")
        int maxBatchSize();

        /** How far in the future an audit's time may lie (defender clock skew); later times are rejected. */
        @WithDefault("PT24H")
        Duration futureTolerance();

        /** How many months after the current one get their partition ahead of need. */
        @WithDefault("2")
        int partitionsAhead();
    }

    /** Defender registry. */
    interface Defenders {
        /** Heartbeat interval assumed when a defender does not send intervalSeconds. */
        @WithDefault("30S")
        Duration defaultInterval();
    }

    /** Classification of stored audits by attack-mapper. */
    interface Classification {
        /** Audits sent to attack-mapper per call. */
        @WithDefault("500")
        int batchSize();

        /** How often the backlog of unclassified audits is retried (a scheduler duration, e.g. 10s). */
        @WithDefault("10s")
        String backlogInterval();
    }

    /** Another Ward service. */
    interface Endpoint {
        /** Its base URL. */
        String url();
    }

    /** Partition upkeep. */
    interface Maintenance {
        /** When partitions are created ahead of need and old ones dropped (Quartz cron). */
        @WithDefault("0 17 3 * * ?")
        String cron();
    }

    /** The access key event-service exchanges at policy-service for a token to call attack-mapper. */
    interface ServiceAccessKey {
        /** Access key id (WARD_SERVICE_ACCESS_KEY_ID). */
        Optional<String> id();

        /** Access key secret (WARD_SERVICE_ACCESS_KEY_SECRET). */
        Optional<String> secret();
    }
}
