-- Reconciliation (issue 22): a run compares, day by day, the punches GateSync holds with those BioTime holds, heals
-- what it can, and lists the rest. A day is planned (its differences written as items) before anything is healed, so
-- a run a killed worker leaves half-done resumes from its items and ends with the same report.
CREATE TABLE reconcile_runs (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    day_from             DATE         NOT NULL COMMENT 'in the BioTime server''s zone',
    day_to               DATE         NOT NULL COMMENT 'inclusive',
    status               VARCHAR(8)   NOT NULL COMMENT 'RUNNING, DONE, FAILED',
    requested_by         VARCHAR(100) NOT NULL COMMENT 'a user, or nightly',
    employees_status     VARCHAR(8)   NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING, PLANNED, DONE',
    employees_checked    INT          NOT NULL DEFAULT 0,
    error                VARCHAR(500) NULL,
    created_at           DATETIME(3)  NOT NULL,
    finished_at          DATETIME(3)  NULL,
    PRIMARY KEY (id),
    KEY ix_reconcile_runs_created (created_at)
);

CREATE TABLE reconcile_days (
    run_id    BIGINT     NOT NULL,
    day       DATE       NOT NULL,
    status    VARCHAR(8) NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING, PLANNED (items written), DONE',
    gatesync  INT        NOT NULL DEFAULT 0 COMMENT 'punches the entry logs hold: sent to BioTime or taken from it',
    biotime   INT        NOT NULL DEFAULT 0 COMMENT 'punches BioTime holds',
    matched   INT        NOT NULL DEFAULT 0 COMMENT 'BioTime punches GateSync already holds',
    PRIMARY KEY (run_id, day),
    KEY ix_reconcile_days_day (day, status),
    CONSTRAINT fk_reconcile_days_run FOREIGN KEY (run_id) REFERENCES reconcile_runs (id)
);

-- One difference found, and what became of it. day is NULL for an employee.
CREATE TABLE reconcile_items (
    id       BIGINT       NOT NULL AUTO_INCREMENT,
    run_id   BIGINT       NOT NULL,
    day      DATE         NULL,
    action   VARCHAR(12)  NOT NULL COMMENT 'PUSH, IMPORT, RESYNC, UNRESOLVED',
    ref      VARCHAR(64)  NOT NULL COMMENT 'entry log id:ENTRY|EXIT, BioTime transaction id, or CNIC',
    detail   TEXT         NULL COMMENT 'an IMPORT''s punch as BioTime sent it (JSON); the difference found',
    outcome  VARCHAR(12)  NULL COMMENT 'PUSHED, IMPORTED, PARKED, RESYNCED, RESIGNED, UNRESOLVED; NULL until healed',
    reason   VARCHAR(500) NULL COMMENT 'why it is unresolved',
    PRIMARY KEY (id),
    KEY ix_reconcile_items_run (run_id, day, outcome),
    CONSTRAINT fk_reconcile_items_run FOREIGN KEY (run_id) REFERENCES reconcile_runs (id)
);
