-- Every punch the attendance pull took in, with what the state policy made of it: a punch whose direction depends on
-- the person's other punches of the day (state 255 under "alternate" or "first-in-last-out") is decided again when a
-- late upload lands among them, and a bounce (the same person on the same terminal within a few seconds) is kept
-- here without an entry log.
CREATE TABLE pulled_punches (
    transaction_id BIGINT      NOT NULL COMMENT 'BioTime iclock_transaction id',
    person_id      BIGINT      NOT NULL,
    punch_day      DATE        NOT NULL COMMENT 'the punch''s day in the BioTime server''s zone',
    punch_time     DATETIME(3) NOT NULL COMMENT 'UTC',
    terminal_sn    VARCHAR(32) NULL,
    punch_rule     VARCHAR(20) NOT NULL COMMENT 'IN, OUT, ALTERNATE or FIRST_IN_LAST_OUT: what the policy said',
    decision       VARCHAR(10) NOT NULL COMMENT 'IN, OUT, BETWEEN (first-in-last-out) or BOUNCE: what it became',
    created_at     DATETIME(3) NOT NULL,
    PRIMARY KEY (transaction_id),
    KEY pulled_punches_day (person_id, punch_day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Punches the pull cannot import yet, with why; retried when the cause may be fixed and at least daily, never dropped.
CREATE TABLE parked_punches (
    transaction_id  BIGINT       NOT NULL COMMENT 'BioTime iclock_transaction id',
    emp_code        VARCHAR(64)  NULL,
    cnic            VARCHAR(13)  NULL COMMENT 'emp_code as a CNIC, when it is one',
    punch_time      VARCHAR(40)  NULL COMMENT 'as BioTime wrote it',
    punch_state     VARCHAR(16)  NULL,
    terminal_sn     VARCHAR(32)  NULL,
    reason          VARCHAR(20)  NOT NULL COMMENT 'UNKNOWN_PERSON, NOT_A_CNIC, UNKNOWN_TERMINAL, STATE_SKIPPED, UNKNOWN_STATE, UNREADABLE_TIME',
    message         VARCHAR(500) NOT NULL COMMENT 'the reason and its fix, in words',
    policy          VARCHAR(64)  NOT NULL COMMENT 'fingerprint of the state policy it was parked under',
    parked_at       DATETIME(3)  NOT NULL,
    tried_at        DATETIME(3)  NOT NULL,
    tries           INT          NOT NULL DEFAULT 1,
    retry_requested TINYINT(1)   NOT NULL DEFAULT 0 COMMENT 'an operator asked for a retry (dashboard)',
    PRIMARY KEY (transaction_id),
    KEY parked_punches_reason (reason, cnic),
    KEY parked_punches_tried (tried_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- BioTime's terminals as the periodic pull last read them: a terminal that has not spoken for a while has not
-- uploaded what was punched on it since, so the pull's "complete up to" mark waits for it.
CREATE TABLE biotime_terminals (
    sn               VARCHAR(32)  NOT NULL,
    alias            VARCHAR(100) NULL,
    area_name        VARCHAR(100) NULL,
    last_activity    DATETIME(3)  NULL COMMENT 'UTC; when it last spoke to BioTime (null: never)',
    own              TINYINT(1)   NOT NULL DEFAULT 0 COMMENT 'GateSync''s own terminal (ZKTECO_TERMINAL_SN): not watched',
    silent_after_s   INT          NOT NULL COMMENT 'silent past this many seconds (GATESYNC_PULL_TERMINAL_SILENT_AFTER)',
    read_at          DATETIME(3)  NOT NULL,
    PRIMARY KEY (sn)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
