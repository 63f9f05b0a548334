/**
 * The transactional outbox, the api's only way to RabbitMQ for commands. {@link Outbox} writes a command in the
 * caller's transaction, so it exists exactly when the change does; {@link OutboxRelay} publishes the rows after commit
 * with publisher confirms and deletes them once the broker confirmed. Knows none of the features that write to it.
 */
package io.gatesync.api.outbox;
