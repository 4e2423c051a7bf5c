-- Newest-first pages filtered by tactic or technique need an index ordered by time within each tactic and technique:
-- GIN indexes on the arrays cannot give that order, and the planner cannot tell a technique seen ten times from one
-- seen a million times, so it scanned the whole time index for rare ones. One row per (audit, tactic) and per
-- (audit, technique), written when the audit is classified, partitioned like audits and dropped with them.
CREATE TABLE event.audit_attack (
    key    text        NOT NULL, -- 'tactic:execution' or 'technique:T1059.004'
    time   timestamptz NOT NULL,
    id     uuid        NOT NULL,
    app_id text        NOT NULL,
    PRIMARY KEY (key, time, id, app_id)
) PARTITION BY RANGE (time);

DROP INDEX event.audits_tactics_idx;
DROP INDEX event.audits_techniques_idx;
