-- What a program reads back from a sync log row is kept as JSON, never parsed out of the message (issue 20): a
-- connection test's circuit, problems and warnings. The message stays for people to read. Added last, so MySQL 8 and
-- MariaDB add it in place without copying the table. Kinds and outcomes: common.synclog.SyncLogKind, SyncLogOutcome.
ALTER TABLE zkteco_sync_logs
    ADD COLUMN details JSON NULL COMMENT 'for programs: a CONNECTION_TEST''s findings';
