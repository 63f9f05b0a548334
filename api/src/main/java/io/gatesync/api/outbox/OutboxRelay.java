package io.gatesync.api.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.messaging.PublishedCommands;

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms and mandatory routing, and deletes a row only after the
 * broker confirmed it. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several api instances relay in
 * parallel without publishing a row twice; a relay that dies after publishing but before its commit leaves the row
 * to be sent again, and the workers absorb that duplicate (they act on the row's current state).
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RabbitTemplate rabbit;
    private final CommandTopology topology;
    private final PublishedCommands published;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration confirmTimeout;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, RabbitTemplate rabbit, CommandTopology topology,
            PublishedCommands published, @Value("${gatesync.outbox.batch-size:500}") int batchSize,
            @Value("${gatesync.outbox.poll-interval:1s}") Duration pollInterval,
            @Value("${gatesync.outbox.confirm-timeout:10s}") Duration confirmTimeout) {
        this.jdbc = jdbc;
        // READ COMMITTED: the claim (FOR UPDATE SKIP LOCKED) then takes no gap locks, so it never deadlocks with
        // api transactions appending to the outbox; a deadlock here would re-send a batch already published.
        this.tx = new TransactionTemplate(tx.getTransactionManager());
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.rabbit = rabbit;
        this.topology = topology;
        this.published = published;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.confirmTimeout = confirmTimeout;
    }

    /** Called after a transaction that wrote to the outbox commits: publish now rather than at the next poll. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                int sent = relayBatch();
                backoff = pollInterval;
                if (sent < batchSize) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Broker or database unreachable: the rows stay and are sent when they are back.
                log.warn("Outbox relay paused for {}: {}", backoff, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** Publishes one batch; returns how many rows the broker confirmed. */
    int relayBatch() {
        Integer confirmed = tx.execute(status -> {
            List<Row> rows = jdbc.sql("SELECT id, message_id, routing_key, payload, commands FROM outbox "
                    + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                    .param(batchSize)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CorrelationData> pending = new ArrayList<>(rows.size());
            for (Row row : rows) {
                CorrelationData correlation = new CorrelationData(row.messageId());
                rabbit.send(topology.commandsExchange(), row.routingKey(), toMessage(row), correlation);
                pending.add(correlation);
            }
            List<Long> done = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String problem = awaitConfirm(pending.get(i));
                if (problem == null) {
                    done.add(rows.get(i).id());
                    published.confirmed(rows.get(i).routingKey(), rows.get(i).commands());
                } else {
                    log.warn("Outbox message {} ({}) not confirmed: {}", rows.get(i).messageId(),
                            rows.get(i).routingKey(), problem);
                    jdbc.sql("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")
                            .params(problem, rows.get(i).id()).update();
                }
            }
            if (!done.isEmpty()) {
                jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)").param("ids", done).update();
            }
            return done.size();
        });
        return confirmed == null ? 0 : confirmed;
    }

    private String awaitConfirm(CorrelationData correlation) {
        try {
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (correlation.getReturned() != null) {
                return "returned by the broker: " + correlation.getReturned().getReplyText();
            }
            return confirm.ack() ? null : "nacked by the broker: " + confirm.reason();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "no confirm within " + confirmTimeout + ": " + e.getMessage();
        }
    }

    private static Message toMessage(Row row) {
        return MessageBuilder.withBody(row.payload().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(row.messageId())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(confirmTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record Row(long id, String messageId, String routingKey, String payload, int commands) {
    }
}
