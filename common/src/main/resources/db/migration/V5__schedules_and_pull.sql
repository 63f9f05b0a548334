-- Periodic jobs (one node at a time, under ShedLock) and the attendance pull.

-- When a periodic job last queued a sync for the row, so the next run does not queue it again while it waits.
ALTER TABLE entry_logs ADD COLUMN sync_queued_at DATETIME(3) NULL, ADD KEY ix_entry_logs_queued (zkteco_synced, sync_queued_at);
ALTER TABLE people ADD COLUMN sync_queued_at DATETIME(3) NULL;

-- One row per periodic job: what GET /zkteco/sync-status shows, and when each is next due.
CREATE TABLE sync_jobs (
    name             VARCHAR(64)  NOT NULL,
    runs             BIGINT       NOT NULL DEFAULT 0,
    last_started     DATETIME(3)  NULL,
    last_finished    DATETIME(3)  NULL,
    last_success     DATETIME(3)  NULL,
    last_outcome     VARCHAR(16)  NULL COMMENT 'SUCCESS, FAILED, SKIPPED',
    last_message     VARCHAR(500) NULL,
    last_duration_ms INT          NULL,
    last_items       INT          NULL COMMENT 'what the last run found or queued',
    watermark        DATETIME(3)  NULL COMMENT 'attendance pull: BioTime punches up to here were read',
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Who changed a runtime setting, when, from what to what.
CREATE TABLE zkteco_config_history (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    config_key  VARCHAR(64)  NOT NULL,
    old_value   VARCHAR(500) NULL,
    new_value   VARCHAR(500) NULL,
    changed_by  VARCHAR(64)  NOT NULL,
    changed_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_config_history_key (config_key, changed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- An attendance pull (periodic or asked for), split into chunks the workers import in parallel.
CREATE TABLE pull_runs (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    kind             VARCHAR(16)  NOT NULL COMMENT 'PERIODIC or MANUAL',
    window_from      DATETIME(3)  NOT NULL,
    window_to        DATETIME(3)  NOT NULL,
    chunks_total     INT          NOT NULL,
    chunks_done      INT          NOT NULL DEFAULT 0,
    chunks_failed    INT          NOT NULL DEFAULT 0,
    punches_seen     INT          NOT NULL DEFAULT 0,
    punches_imported INT          NOT NULL DEFAULT 0,
    status           VARCHAR(16)  NOT NULL DEFAULT 'RUNNING' COMMENT 'RUNNING, DONE, FAILED',
    requested_by     VARCHAR(64)  NULL,
    created_at       DATETIME(3)  NOT NULL,
    finished_at      DATETIME(3)  NULL,
    PRIMARY KEY (id),
    KEY ix_pull_runs_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE pull_chunks (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    run_id           BIGINT       NOT NULL,
    chunk_from       DATETIME(3)  NOT NULL COMMENT 'inclusive',
    chunk_to         DATETIME(3)  NOT NULL COMMENT 'exclusive',
    status           VARCHAR(16)  NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING, DONE, FAILED',
    punches_seen     INT          NOT NULL DEFAULT 0,
    punches_imported INT          NOT NULL DEFAULT 0,
    queued_at        DATETIME(3)  NULL,
    finished_at      DATETIME(3)  NULL,
    PRIMARY KEY (id),
    KEY ix_pull_chunks_run (run_id, status),
    CONSTRAINT fk_pull_chunks_run FOREIGN KEY (run_id) REFERENCES pull_runs (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
