package io.gatesync.api.outbox;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.CommandGroups;
import io.gatesync.common.time.DbTime;

/**
 * Writes a command into the outbox inside the caller's transaction, so the command exists exactly when the change
 * it announces does. The relay publishes it after commit.
 * <p>
 * Commands written together share rows, a row per message ({@link CommandGroups}).
 */
@Component
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
    }

    /** A fresh command id; the AMQP message id of the command. */
    public static String newCommandId() {
        return UUID.randomUUID().toString();
    }

    public void add(Command command) {
        addAll(List.of(command));
    }

    /** Many commands in one round trip (a JDBC batch), grouped into messages ({@link CommandGroups}). */
    public void addAll(List<? extends Command> commands) {
        insert(CommandGroups.of(commands, json).stream()
                .map(g -> new Row(
                        g.messageId(), g.routingKey(), g.payload(), g.commands().size()))
                .toList());
    }

    /**
     * A payload exactly as given, e.g. a dead letter sent back to work. {@code messageId} must be new (the outbox
     * keeps message ids unique); the payload is not read, so it keeps whatever command id it carries.
     */
    public void addRaw(String messageId, String routingKey, String payload) {
        insert(List.of(new Row(messageId, routingKey, payload, 1)));
    }

    private record Row(String messageId, String routingKey, String payload, int commands) {}

    /** The one way into the outbox: inside the caller's transaction, and the relay woken once it commits. */
    private void insert(List<Row> rows) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox is written inside the transaction of the change it announces");
        }
        if (rows.isEmpty()) {
            return;
        }
        String now = DbTime.now();
        jdbc.batchUpdate(
                "INSERT INTO outbox (message_id, routing_key, payload, commands, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)",
                rows,
                rows.size(),
                (ps, row) -> {
                    ps.setString(1, row.messageId());
                    ps.setString(2, row.routingKey());
                    ps.setString(3, row.payload());
                    ps.setInt(4, row.commands());
                    ps.setString(5, now);
                });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }
}
