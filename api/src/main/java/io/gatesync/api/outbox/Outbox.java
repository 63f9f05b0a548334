package io.gatesync.api.outbox;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.time.DbTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a command into the outbox inside the caller's transaction, so the command exists exactly when the change
 * it announces does. The relay publishes it after commit.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboxRelay relay;

    public Outbox(JdbcClient jdbc, JsonMapper json, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
    }

    /** A fresh command id; the AMQP message id of the command. */
    public static String newCommandId() {
        return UUID.randomUUID().toString();
    }

    public void add(Command command) {
        insert(command.commandId(), CommandKind.of(command).routingKey(), json.writeValueAsString(command));
    }

    /**
     * A payload exactly as given, e.g. a dead letter sent back to work. {@code messageId} must be new (the outbox
     * keeps message ids unique); the payload is not read, so it keeps whatever command id it carries.
     */
    public void addRaw(String messageId, String routingKey, String payload) {
        insert(messageId, routingKey, payload);
    }

    /** The one way into the outbox: inside the caller's transaction, and the relay woken once it commits. */
    private void insert(String messageId, String routingKey, String payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox is written inside the transaction of the change it announces");
        }
        jdbc.sql("INSERT INTO outbox (message_id, routing_key, payload, created_at) VALUES (?, ?, ?, ?)")
                .params(messageId, routingKey, payload, DbTime.now())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }
}
