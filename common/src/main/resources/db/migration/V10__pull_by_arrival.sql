-- The periodic attendance pull finds new punches by arrival: BioTime gives ids on arrival and filters only on punch
-- time, so a terminal that uploads hours or months late is found by its id, never by a punch-time window.
ALTER TABLE pull_chunks
    ADD COLUMN mode VARCHAR(16) NOT NULL DEFAULT 'WINDOW'
        COMMENT 'WINDOW: the punch times [chunk_from, chunk_to); ARRIVALS: what BioTime got since the last read'
        AFTER run_id;

-- Where the arrival reads stand: one row, written only after the punches read were stored.
CREATE TABLE pull_cursor (
    id                TINYINT      NOT NULL,
    max_id            BIGINT       NOT NULL COMMENT 'the highest BioTime transaction id read',
    max_id_emp_code   VARCHAR(64)  NULL COMMENT 'what that id held, so a restored BioTime (ids reused) is noticed',
    max_id_punch_time VARCHAR(40)  NULL,
    server_order      VARCHAR(16)  NOT NULL COMMENT 'NEWEST_FIRST, ID_ORDER or NONE (punch-time windows then)',
    read_at           DATETIME(3)  NOT NULL,
    restore_suspected VARCHAR(500) NULL COMMENT 'why BioTime looks restored; arrival reads import nothing meanwhile',
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
