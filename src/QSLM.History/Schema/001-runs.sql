-- Schema version 1 of the QSLM run history. Plain SQL types (TEXT, BIGINT, DOUBLE PRECISION) so the same
-- statements create the store in SQLite and in PostgreSQL. Times are ISO 8601 UTC text; run ids are text
-- chosen by the writer, so no engine-specific identity column is needed.
CREATE TABLE schema_info (
    version BIGINT NOT NULL
);

CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    started TEXT NOT NULL,
    ended TEXT,
    folder TEXT,
    operator TEXT,
    command_line TEXT,
    host TEXT NOT NULL,
    pid BIGINT NOT NULL,
    process_started TEXT
);

CREATE TABLE provenance (
    run_id TEXT NOT NULL REFERENCES runs(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE TABLE boards (
    run_id TEXT NOT NULL REFERENCES runs(id),
    name TEXT NOT NULL,
    profile TEXT,
    host_name TEXT,
    model TEXT,
    serial TEXT,
    kernel TEXT,
    firmware TEXT,
    settings TEXT,
    PRIMARY KEY (run_id, name)
);

CREATE TABLE candidates (
    run_id TEXT NOT NULL REFERENCES runs(id),
    seq BIGINT NOT NULL,
    model TEXT NOT NULL,
    sha256 TEXT,
    precisions TEXT,
    status TEXT NOT NULL,
    host_value DOUBLE PRECISION,
    bytes BIGINT,
    objective DOUBLE PRECISION,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE measurements (
    run_id TEXT NOT NULL REFERENCES runs(id),
    seq BIGINT NOT NULL,
    board TEXT NOT NULL,
    model TEXT NOT NULL,
    quantity TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    ci95 DOUBLE PRECISION,
    unit TEXT NOT NULL,
    source TEXT,
    window_index BIGINT,
    taken TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE verdicts (
    run_id TEXT NOT NULL REFERENCES runs(id),
    seq BIGINT NOT NULL,
    board TEXT NOT NULL,
    model TEXT NOT NULL,
    check_name TEXT NOT NULL,
    status TEXT NOT NULL,
    measured DOUBLE PRECISION,
    threshold DOUBLE PRECISION,
    unit TEXT,
    detail TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE INDEX measurements_by_board_model ON measurements (board, model, quantity);
CREATE INDEX runs_by_started ON runs (started);
