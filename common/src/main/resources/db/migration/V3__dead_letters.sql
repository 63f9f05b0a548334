-- Dead-lettered commands, recorded from the dead-letter queues by the workers: what operators list, filter and
-- replay (GET/POST /zkteco/dead-letters). A replay writes the payload back into the outbox in the same
-- transaction that marks the row replayed, so the move back to work is as safe as any other command.
CREATE TABLE dead_letters (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    message_id        VARCHAR(64)   NOT NULL COMMENT 'AMQP message id (the command id) of the dead letter',
    kind              VARCHAR(32)   NOT NULL COMMENT 'PERSON_SYNC, ENTRY_SYNC, ... or UNKNOWN',
    target            VARCHAR(64)   NULL     COMMENT 'CNIC or entry log id, when the payload could be read',
    reason            VARCHAR(32)   NOT NULL COMMENT 'PERMANENT, RETRIES_EXHAUSTED, UNPARSEABLE, DELIVERY_LIMIT, ...',
    last_error        VARCHAR(1000) NULL,
    attempts          INT           NOT NULL DEFAULT 0,
    routing_key       VARCHAR(64)   NOT NULL COMMENT 'the work queue routing key to replay to',
    payload           MEDIUMTEXT    NOT NULL,
    first_failure     DATETIME(3)   NOT NULL,
    last_failure      DATETIME(3)   NOT NULL,
    status            VARCHAR(16)   NOT NULL DEFAULT 'DEAD' COMMENT 'DEAD, or REPLAYED once sent back to work',
    replayed_at       DATETIME(3)   NULL,
    replayed_by       VARCHAR(64)   NULL,
    created_at        DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    -- the same dead letter delivered twice from the queue is recorded once
    UNIQUE KEY uk_dead_letters_message (message_id, last_failure),
    KEY ix_dead_letters_status (status, kind, reason),
    KEY ix_dead_letters_target (target)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
