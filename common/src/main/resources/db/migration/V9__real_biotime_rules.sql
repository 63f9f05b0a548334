-- Punches under a real BioTime's rules (issue 16).
-- manual-log channel: BioTime answers a manual log (201 with its id), not a transaction; the manual log's id is the
-- punch's receipt. 0 means BioTime refused a copy as a duplicate and its id could not be read back.
-- *_punch_shift: seconds a punch was sent later than its event, because BioTime keeps one punch per person and second
-- (its unique key is emp_code and punch_time): an exit in the same second as its entry goes one second later.
ALTER TABLE entry_logs
    ADD COLUMN zkteco_manual_log_id      BIGINT   NULL AFTER zkteco_exit_transaction_id,
    ADD COLUMN zkteco_exit_manual_log_id BIGINT   NULL AFTER zkteco_manual_log_id,
    ADD COLUMN entry_punch_shift         SMALLINT NOT NULL DEFAULT 0 AFTER exit_push_started_at,
    ADD COLUMN exit_punch_shift          SMALLINT NOT NULL DEFAULT 0 AFTER entry_punch_shift;

-- After BioTime refused GateSync's credentials, no worker logs in again before refused_until: a fleet of workers
-- retrying a wrong password could lock the BioTime account. One row, shared by the cluster.
CREATE TABLE biotime_login (
    id            TINYINT      NOT NULL,
    refused_until DATETIME(3)  NOT NULL,
    reason        VARCHAR(500) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
