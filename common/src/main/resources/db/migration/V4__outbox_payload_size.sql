-- A replayed dead letter carries whatever payload was dead-lettered (up to MEDIUMTEXT); the outbox must hold it.
ALTER TABLE outbox MODIFY payload MEDIUMTEXT NOT NULL;
