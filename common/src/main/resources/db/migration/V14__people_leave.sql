-- People who leave and return (issue 22): nothing is deleted. A person's status is what GateSync makes true in
-- BioTime (a LEFT person's employee is resigned with attendance disabled, a returning one reinstated); the resign
-- record's id is kept so the reinstatement names it.
ALTER TABLE people
    ADD COLUMN status           VARCHAR(8) NOT NULL DEFAULT 'ACTIVE' COMMENT 'ACTIVE or LEFT',
    ADD COLUMN left_on          DATE       NULL COMMENT 'the day a LEFT person left',
    ADD COLUMN zkteco_resigned  TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'resigned in BioTime by GateSync',
    ADD COLUMN zkteco_resign_id BIGINT     NULL COMMENT 'BioTime /personnel/api/resigns/ id';

-- A gate event of a person who had left: kept, flagged, never sent to BioTime.
ALTER TABLE entry_logs
    ADD COLUMN person_left TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'recorded while the person had left; not sent',
    ADD KEY ix_entry_logs_person_left (person_left, created_at);

ALTER TABLE parked_punches
    MODIFY reason VARCHAR(20) NOT NULL COMMENT 'UNKNOWN_PERSON, NOT_A_CNIC, UNKNOWN_TERMINAL, STATE_SKIPPED, UNKNOWN_STATE, UNREADABLE_TIME, PERSON_LEFT';
