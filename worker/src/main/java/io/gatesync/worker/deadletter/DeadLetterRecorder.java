package io.gatesync.worker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.messaging.CommandHeaders;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.command.FailureRouter;
import io.gatesync.worker.command.ListenerConfiguration;

/**
 * Records every dead letter in {@code dead_letters}, where operators list and replay them, and only then acks it:
 * a dead letter is never lost between the queue and the table, and one delivered twice is recorded once.
 * Besides GateSync's own (with reason headers) it records what the broker dead-lettered itself, e.g. a message
 * redelivered past the work queue's delivery limit.
 */
@Component
class DeadLetterRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecorder.class);

    /**
     * What the broker itself dead-letters our work queues for (x-death reasons, upper case): a message redelivered
     * past the delivery limit, or rejected by a listener that threw. Others (UNKNOWN, a reason of a future broker)
     * are counted from their first.
     */
    private static final List<String> BROKER_REASONS = List.of("DELIVERY_LIMIT", "REJECTED");

    private final JdbcClient jdbc;
    private final CommandTopology topology;
    private final JsonMapper json;
    private final MeterRegistry metrics;

    DeadLetterRecorder(JdbcClient jdbc, CommandTopology topology, JsonMapper json, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.topology = topology;
        this.json = json;
        this.metrics = metrics;
        // at 0 from the start, so increase() sees the first dead letter after a restart
        for (CommandKind kind : CommandKind.values()) {
            FailureRouter.DEAD_LETTER_REASONS.forEach(reason -> recorded(kind, reason));
            BROKER_REASONS.forEach(reason -> recorded(kind, reason));
        }
    }

    // two consumers: recording is a quick insert, and dead letters are rare (each consumer is a thread and a channel)
    @RabbitListener(
            messageConverter = ListenerConfiguration.RAW_BODIES,
            id = "dead-letters",
            concurrency = "2",
            queues = "#{@commandTopology.deadLetterQueues()}")
    void record(Message message) {
        MessageProperties props = message.getMessageProperties();
        CommandKind kind = kindOf(props.getConsumerQueue());
        Map<String, Object> headers = props.getHeaders();
        String payload = new String(message.getBody(), StandardCharsets.UTF_8);
        String reason = text(headers.get(CommandHeaders.REASON));
        if (reason == null) {
            reason = brokerReason(headers);
        }
        Instant now = Instant.now();
        Instant lastFailure = instant(headers.get(CommandHeaders.LAST_FAILURE), now);
        Instant firstFailure = instant(headers.get(CommandHeaders.FIRST_FAILURE), lastFailure);
        Object attempts = headers.get(CommandHeaders.ATTEMPTS);
        String messageId = props.getMessageId() != null
                ? props.getMessageId()
                : UUID.nameUUIDFromBytes(message.getBody()).toString();
        int inserted = jdbc.sql("INSERT IGNORE INTO dead_letters (message_id, kind, target, reason, last_error, "
                        + "attempts, routing_key, payload, first_failure, last_failure, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        Texts.truncate(messageId, 64),
                        kind.name(),
                        target(payload),
                        reason,
                        Texts.truncate(text(headers.get(CommandHeaders.LAST_ERROR)), 1000),
                        attempts instanceof Number n ? n.intValue() : 0,
                        kind.routingKey(),
                        payload,
                        DbTime.toDb(firstFailure),
                        DbTime.toDb(lastFailure),
                        DbTime.now())
                .update();
        if (inserted > 0) {
            recorded(kind, reason).increment();
            log.warn(
                    "Dead letter recorded: {} {} ({}): {}",
                    kind,
                    target(payload),
                    reason,
                    headers.get(CommandHeaders.LAST_ERROR));
        }
    }

    private Counter recorded(CommandKind kind, String reason) {
        return metrics.counter("gatesync.deadletters.recorded", "kind", kind.name(), "reason", reason);
    }

    private CommandKind kindOf(String queue) {
        for (CommandKind kind : CommandKind.values()) {
            if (topology.deadLetterQueue(kind).equals(queue)) {
                return kind;
            }
        }
        throw new IllegalStateException("Not a GateSync dead-letter queue: " + queue);
    }

    /** What the command is about, if the payload can be read: a CNIC or an entry log id. */
    private String target(String payload) {
        try {
            JsonNode node = json.readTree(payload);
            for (String field : List.of("cnic", "entryLogId")) {
                if (node.hasNonNull(field)) {
                    return Texts.truncate(node.get(field).asString(), 64);
                }
            }
        } catch (RuntimeException unreadable) {
            // an unparseable message has no target
        }
        return null;
    }

    /** The broker's own dead-lettering leaves an x-death header; its reason is e.g. "delivery_limit". */
    @SuppressWarnings("unchecked")
    private static String brokerReason(Map<String, Object> headers) {
        Object deaths = headers.get("x-death");
        if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> death) {
            Object reason = ((Map<String, Object>) death).get("reason");
            if (reason != null) {
                return reason.toString().toUpperCase(java.util.Locale.ROOT);
            }
        }
        return "UNKNOWN";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(Object value, Instant fallback) {
        try {
            return value == null ? fallback : Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
