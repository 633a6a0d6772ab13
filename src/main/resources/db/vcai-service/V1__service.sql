-- The service's schema, the same for SQLite and PostgreSQL: text ids (UUIDs), times as epoch milliseconds,
-- JSON documents and model files (base64) as text.
CREATE TABLE experiments (
    id           VARCHAR(64) PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    spec         TEXT NOT NULL,
    kind         VARCHAR(20) NOT NULL,
    status       VARCHAR(20) NOT NULL,
    progress     DOUBLE PRECISION NOT NULL,
    phase        VARCHAR(200),
    failure      TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE evaluations (
    experiment_id VARCHAR(64) PRIMARY KEY REFERENCES experiments (id),
    metrics       TEXT NOT NULL,
    outcomes      TEXT NOT NULL,
    model         TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE model_versions (
    version       INTEGER PRIMARY KEY,
    experiment_id VARCHAR(64),
    sha256        VARCHAR(64) NOT NULL,
    action        VARCHAR(20) NOT NULL,
    promoted_by   VARCHAR(200) NOT NULL,
    metrics       TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE promotions (
    id            VARCHAR(64) PRIMARY KEY,
    experiment_id VARCHAR(64) NOT NULL,
    decision      VARCHAR(20) NOT NULL,
    gates         TEXT NOT NULL,
    requested_by  VARCHAR(200) NOT NULL,
    version       INTEGER,
    created_at    BIGINT NOT NULL
);

CREATE TABLE failures (
    id             VARCHAR(64) PRIMARY KEY,
    experiment_id  VARCHAR(64) NOT NULL,
    trigger_name   VARCHAR(40) NOT NULL,
    metrics        TEXT NOT NULL,
    root_cause     TEXT NOT NULL,
    fix_complexity VARCHAR(20) NOT NULL,
    created_at     BIGINT NOT NULL
);

CREATE TABLE outbox (
    id              VARCHAR(64) PRIMARY KEY,
    destination     TEXT NOT NULL,
    payload         TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    delivered_at    BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);

CREATE TABLE blacklist (
    technique  VARCHAR(200) PRIMARY KEY,
    reason     TEXT NOT NULL,
    source     VARCHAR(40) NOT NULL,
    created_at BIGINT NOT NULL
);
