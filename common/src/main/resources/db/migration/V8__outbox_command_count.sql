-- An outbox row may carry many commands of one kind (a JSON array, one AMQP message): the relay counts them as
-- published, so "published minus processed" stays the number of commands waiting.
ALTER TABLE outbox ADD COLUMN commands INT NOT NULL DEFAULT 1;
