-- GateSync foundation schema. Works on MySQL 5.7+/8 and MariaDB 10.11.
-- Every DATETIME holds UTC; BioTime's naive local times are converted at the BioTime client.
-- Column names from the integration guide (zkteco_*) are kept so an existing site can point GateSync at its data.

CREATE TABLE people (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    cnic               VARCHAR(13)  NOT NULL COMMENT '13 digits, no dashes; BioTime emp_code',
    name               VARCHAR(200) NOT NULL,
    phone              VARCHAR(20)  NULL,
    email              VARCHAR(50)  NULL,
    zkteco_employee_id BIGINT       NULL,
    zkteco_synced      TINYINT(1)   NOT NULL DEFAULT 0,
    zkteco_last_sync   DATETIME(3)  NULL,
    zkteco_sync_error  VARCHAR(500) NULL,
    created_at         DATETIME(3)  NOT NULL,
    updated_at         DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_people_cnic (cnic),
    KEY ix_people_synced (zkteco_synced, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE entry_logs (
    id                         BIGINT       NOT NULL AUTO_INCREMENT,
    person_id                  BIGINT       NOT NULL,
    cnic                       VARCHAR(13)  NOT NULL,
    entry_time                 DATETIME(3)  NULL COMMENT 'NULL for an exit that had no open entry',
    exit_time                  DATETIME(3)  NULL,
    entry_gate                 VARCHAR(64)  NULL,
    exit_gate                  VARCHAR(64)  NULL,
    source                     VARCHAR(16)  NOT NULL COMMENT 'GATE, BIOTIME or MANUAL',
    flag                       VARCHAR(32)  NULL COMMENT 'e.g. EXIT_WITHOUT_ENTRY',
    zkteco_synced              TINYINT(1)   NOT NULL DEFAULT 0,
    zkteco_transaction_id      BIGINT       NULL,
    zkteco_exit_transaction_id BIGINT       NULL,
    zkteco_sync_time           DATETIME(3)  NULL,
    zkteco_sync_error          VARCHAR(500) NULL,
    -- set just before a punch is sent: if its id is still missing afterwards, the push may have reached BioTime,
    -- so the worker looks the punch up there before sending it again
    entry_push_started_at      DATETIME(3)  NULL,
    exit_push_started_at       DATETIME(3)  NULL,
    created_at                 DATETIME(3)  NOT NULL,
    updated_at                 DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    -- BioTime transaction ids are unique: the attendance pull dedupes on them with the key, not a check-then-insert
    UNIQUE KEY uk_entry_logs_tx (zkteco_transaction_id),
    UNIQUE KEY uk_entry_logs_exit_tx (zkteco_exit_transaction_id),
    KEY ix_entry_logs_person_open (person_id, exit_time, entry_time),
    KEY ix_entry_logs_synced (zkteco_synced, id),
    KEY ix_entry_logs_cnic (cnic, entry_time),
    KEY ix_entry_logs_entry_time (entry_time),
    CONSTRAINT fk_entry_logs_person FOREIGN KEY (person_id) REFERENCES people (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per gate event id: makes POST /api/events idempotent and remembers the first result.
CREATE TABLE gate_events (
    event_id     VARCHAR(64)  NOT NULL,
    cnic         VARCHAR(13)  NOT NULL,
    direction    VARCHAR(5)   NOT NULL,
    event_time   DATETIME(3)  NOT NULL,
    gate         VARCHAR(64)  NULL,
    entry_log_id BIGINT       NOT NULL,
    outcome      VARCHAR(32)  NOT NULL,
    received_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE zkteco_sync_logs (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    kind         VARCHAR(32)   NOT NULL COMMENT 'PERSON_SYNC, ENTRY_SYNC, ...',
    target       VARCHAR(64)   NOT NULL COMMENT 'CNIC or entry log id',
    outcome      VARCHAR(16)   NOT NULL COMMENT 'SUCCESS, RETRY, FAILED, SKIPPED',
    message      VARCHAR(1000) NULL,
    attempt      INT           NOT NULL DEFAULT 1,
    duration_ms  INT           NOT NULL DEFAULT 0,
    command_id   VARCHAR(36)   NULL,
    node         VARCHAR(64)   NULL,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_sync_logs_created (created_at),
    KEY ix_sync_logs_kind (kind, outcome, created_at),
    KEY ix_sync_logs_target (target, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Runtime settings an operator may change from the dashboard; they override the ZKTECO_* defaults.
CREATE TABLE zkteco_config (
    config_key   VARCHAR(64)  NOT NULL,
    config_value VARCHAR(500) NOT NULL,
    updated_by   VARCHAR(64)  NULL,
    updated_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (config_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- ShedLock's table, as its README gives it for MySQL.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Transactional outbox: written in the same transaction as the change it announces,
-- deleted by the relay only after the broker confirmed the message.
CREATE TABLE outbox (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    message_id  CHAR(36)     NOT NULL,
    routing_key VARCHAR(64)  NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    attempts    INT          NOT NULL DEFAULT 0,
    last_error  VARCHAR(500) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_message (message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
