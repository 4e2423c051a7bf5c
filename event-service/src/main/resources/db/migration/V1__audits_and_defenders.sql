-- event-service schema: audits (partitioned by month on the event time), ATT&CK hourly counts, defenders.

-- Trigram indexes make the console's free-text search (substring of message or command) use an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA event;

-- One row per audit. The key starts with app_id so the table can be distributed by app id (Citus) and includes
-- the partition key (time) as PostgreSQL requires; a replayed audit carries the same app id, time and id, so
-- ON CONFLICT DO NOTHING on this key makes ingestion idempotent. Partitions are created by the service
-- (ahead of need and on demand) and dropped whole by the retention job.
CREATE TABLE event.audits (
    app_id        text        NOT NULL,
    time          timestamptz NOT NULL,
    id            uuid        NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    instance_id   text        NOT NULL,
    type          text        NOT NULL,
    effect        text        NOT NULL,
    reason        text        NOT NULL,
    rule_name     text        NOT NULL,
    rule_revision bigint,
    message       text        NOT NULL,
    command       text        NOT NULL DEFAULT '',
    process       jsonb       NOT NULL,
    network       jsonb,
    dns           jsonb,
    classified    boolean     NOT NULL DEFAULT false,
    attack        jsonb,
    tactics       text[]      NOT NULL DEFAULT '{}',
    techniques    text[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (app_id, time, id)
) PARTITION BY RANGE (time);

-- Newest-first keyset pagination, with and without each console filter.
CREATE INDEX audits_time_idx       ON event.audits (time DESC, id DESC);
CREATE INDEX audits_instance_idx   ON event.audits (instance_id, time DESC, id DESC);
CREATE INDEX audits_type_idx       ON event.audits (type, time DESC, id DESC);
CREATE INDEX audits_effect_idx     ON event.audits (effect, time DESC, id DESC);
CREATE INDEX audits_rule_idx       ON event.audits (rule_name, time DESC, id DESC);
CREATE INDEX audits_tactics_idx    ON event.audits USING gin (tactics);
CREATE INDEX audits_techniques_idx ON event.audits USING gin (techniques);
CREATE INDEX audits_text_idx       ON event.audits USING gin ((message || ' ' || command) event.gin_trgm_ops);
-- The classification backlog: small when attack-mapper keeps up, so a partial index keeps it cheap to find.
CREATE INDEX audits_unclassified_idx ON event.audits (time) WHERE NOT classified;

-- ATT&CK explorer counts per hour, maintained when an audit is classified (exactly once: only the update that
-- flips classified from false to true counts). technique_id '' holds the per-tactic count of distinct audits.
CREATE TABLE event.attack_counts_hourly (
    hour           timestamptz NOT NULL,
    app_id         text        NOT NULL,
    tactic         text        NOT NULL,
    technique_id   text        NOT NULL,
    technique_name text        NOT NULL,
    count          bigint      NOT NULL,
    PRIMARY KEY (app_id, hour, tactic, technique_id)
);
CREATE INDEX attack_counts_hour_idx ON event.attack_counts_hourly (hour);

-- The defender registry: one row per defender instance, updated by each heartbeat.
CREATE TABLE event.defenders (
    instance_id      text        PRIMARY KEY,
    app_id           text        NOT NULL,
    version          text,
    hostname         text,
    started_at       timestamptz,
    policy_revision  bigint,
    fail_open        boolean     NOT NULL DEFAULT false,
    interval_seconds integer     NOT NULL,
    counters         jsonb       NOT NULL DEFAULT '{}',
    first_seen       timestamptz NOT NULL DEFAULT now(),
    last_seen        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX defenders_app_idx ON event.defenders (app_id);
CREATE INDEX defenders_last_seen_idx ON event.defenders (last_seen DESC);
