-- App-Embedded runtime rules: an ordered list (position 0 is evaluated first) with one global revision.

-- The rule set's revision: bumped by every change, and the row every writer locks first so writes are serialised.
CREATE TABLE rule_set (
    id       int PRIMARY KEY CHECK (id = 1),
    revision bigint NOT NULL
);
INSERT INTO rule_set (id, revision) VALUES (1, 0);

CREATE TABLE runtime_rules (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    position    int         NOT NULL,
    notes       text        NOT NULL,
    disabled    boolean     NOT NULL,
    scope       jsonb       NOT NULL,
    processes   jsonb       NOT NULL,
    network     jsonb       NOT NULL,
    dns         jsonb       NOT NULL,
    revision    bigint      NOT NULL,
    modified    timestamptz NOT NULL,
    modified_by text        NOT NULL
);
CREATE INDEX runtime_rules_position ON runtime_rules (position);
