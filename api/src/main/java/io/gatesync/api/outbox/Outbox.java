package io.gatesync.api.outbox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
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
 * <p>
 * Commands written together travel together: up to {@link #COMMANDS_PER_MESSAGE} of one kind share a row and so
 * one AMQP message, whose body is a JSON array of them. The broker's cost is per message (persisted, confirmed,
 * delivered, acked), and a gate batch of 1,000 events would otherwise be ~1,000 messages; the workers run a
 * group's commands one by one and retry or dead-letter each on its own (CommandRunner).
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

    /** The most commands one message carries: an adms upload's worth, and a small message still. */
    public static final int COMMANDS_PER_MESSAGE = 100;

    public void add(Command command) {
        addAll(List.of(command));
    }

    /**
     * Many commands in one round trip (a JDBC batch), for changes made many at a time; those of one kind are grouped
     * into messages of up to {@link #COMMANDS_PER_MESSAGE}. A lone command is a plain JSON object, as before.
     */
    public void addAll(List<? extends Command> commands) {
        Map<CommandKind, List<Command>> byKind = new EnumMap<>(CommandKind.class);
        commands.forEach(c -> byKind.computeIfAbsent(CommandKind.of(c), k -> new ArrayList<>()).add(c));
        List<Row> rows = new ArrayList<>();
        byKind.forEach((kind, ofKind) -> {
            for (int from = 0; from < ofKind.size(); from += COMMANDS_PER_MESSAGE) {
                List<Command> group = ofKind.subList(from, Math.min(ofKind.size(), from + COMMANDS_PER_MESSAGE));
                rows.add(group.size() == 1
                        ? new Row(group.get(0).commandId(), kind.routingKey(), json.writeValueAsString(group.get(0)), 1)
                        : new Row(newCommandId(), kind.routingKey(), json.writeValueAsString(group), group.size()));
            }
        });
        insert(rows);
    }

    /**
     * A payload exactly as given, e.g. a dead letter sent back to work. {@code messageId} must be new (the outbox
     * keeps message ids unique); the payload is not read, so it keeps whatever command id it carries.
     */
    public void addRaw(String messageId, String routingKey, String payload) {
        insert(List.of(new Row(messageId, routingKey, payload, 1)));
    }

    private record Row(String messageId, String routingKey, String payload, int commands) {
    }

    /** The one way into the outbox: inside the caller's transaction, and the relay woken once it commits. */
    private void insert(List<Row> rows) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox is written inside the transaction of the change it announces");
        }
        if (rows.isEmpty()) {
            return;
        }
        String now = DbTime.now();
        jdbc.batchUpdate("INSERT INTO outbox (message_id, routing_key, payload, commands, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", rows, rows.size(), (ps, row) -> {
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
