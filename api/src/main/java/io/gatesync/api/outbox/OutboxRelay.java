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
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.messaging.Confirmation;
import io.gatesync.common.messaging.PublishedCommands;

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms and mandatory routing, and deletes a row only after the
 * broker confirmed it. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several api instances relay in
 * parallel without publishing a row twice; a relay that dies after publishing but before its commit leaves the row
 * to be sent again, and the workers absorb that duplicate (they act on the row's current state).
 */
@Component
@EnableConfigurationProperties(OutboxSettings.class)
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
    /** The longest pause while the broker refuses every message: how late work may resume after it is back. */
    private static final Duration MAX_REFUSED_PAUSE = Duration.ofSeconds(5);

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    /** When {@link #freshChannels} last reset the connection (System.nanoTime), 0 if never; the relay thread's. */
    private long lastFreshChannels;

    private Thread thread;

    public OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate tx,
            RabbitTemplate rabbit,
            CommandTopology topology,
            PublishedCommands published,
            OutboxSettings settings) {
        this.jdbc = jdbc;
        // READ COMMITTED: the claim (FOR UPDATE SKIP LOCKED) then takes no gap locks, so it never deadlocks with
        // api transactions appending to the outbox; a deadlock here would re-send a batch already published.
        this.tx = new TransactionTemplate(tx.getTransactionManager());
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.rabbit = rabbit;
        this.topology = topology;
        this.published = published;
        this.batchSize = settings.batchSize();
        this.pollInterval = settings.pollInterval();
        this.confirmTimeout = settings.confirmTimeout();
    }

    /** Called after a transaction that wrote to the outbox commits: publish now rather than at the next poll. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        Duration backoff = pollInterval;
        Duration refusedBackoff = pollInterval;
        while (running) {
            try {
                Relayed relayed = relayBatch();
                backoff = pollInterval;
                if (relayed.claimed() > 0 && relayed.confirmed() == 0) {
                    // The broker answers but takes none (a queue with no leader or no majority, in a cluster). Each
                    // new gate event wakes the relay: without a pause it would re-send the same rows, to be refused
                    // again, many times a second. The pause stays short: work resumes soon after the broker does.
                    log.warn(
                            "Outbox relay paused for {}: RabbitMQ confirmed none of {} messages ({})",
                            refusedBackoff,
                            relayed.claimed(),
                            relayed.firstProblem());
                    sleep(refusedBackoff);
                    refusedBackoff = refusedBackoff.multipliedBy(2).compareTo(MAX_REFUSED_PAUSE) > 0
                            ? MAX_REFUSED_PAUSE
                            : refusedBackoff.multipliedBy(2);
                    continue;
                }
                refusedBackoff = pollInterval;
                if (relayed.nacked() > 0) {
                    freshChannels(relayed);
                }
                if (relayed.confirmed() < batchSize) {
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
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Some messages of a batch were confirmed and others nacked at once: the broker takes messages, but not on
     * every channel, it seems. Seen on RabbitMQ 3.10 after a queue's leader was killed (ClusterFailoverIT): for
     * minutes, part of every batch to that queue was nacked while the rest was confirmed. Closing the connection and its channels lets the next batch publish on new ones; at most once a minute, so a
     * queue that refuses for its own reason (a length limit set by a policy) does not churn connections.
     */
    private void freshChannels(Relayed relayed) {
        long now = System.nanoTime();
        if (lastFreshChannels != 0 && now - lastFreshChannels < TimeUnit.MINUTES.toNanos(1)) {
            return;
        }
        if (rabbit.getConnectionFactory() instanceof CachingConnectionFactory connections) {
            lastFreshChannels = now;
            log.warn(
                    "Outbox relay: {} of {} messages nacked while others were confirmed ({}); opening a new "
                            + "connection to RabbitMQ",
                    relayed.nacked(),
                    relayed.claimed(),
                    relayed.firstProblem());
            connections.resetConnection();
        }
    }

    /** Publishes one batch; returns how many rows it claimed and how many of them the broker confirmed. */
    Relayed relayBatch() {
        Relayed relayed = tx.execute(status -> {
            List<Row> rows = jdbc.sql("SELECT id, message_id, routing_key, payload, commands FROM outbox "
                            + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                    .param(batchSize)
                    .query((rs, n) ->
                            new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                    .list();
            if (rows.isEmpty()) {
                return new Relayed(0, 0, 0, null);
            }
            List<CorrelationData> pending = new ArrayList<>(rows.size());
            for (Row row : rows) {
                CorrelationData correlation = new CorrelationData(row.messageId());
                rabbit.send(topology.commandsExchange(), row.routingKey(), toMessage(row), correlation);
                pending.add(correlation);
            }
            List<Long> done = new ArrayList<>(rows.size());
            String firstProblem = null;
            int nacked = 0;
            for (int i = 0; i < rows.size(); i++) {
                Confirmation confirmation = Confirmation.await(pending.get(i), confirmTimeout);
                String problem = confirmation.problem();
                nacked += confirmation.kind() == Confirmation.Kind.NACKED ? 1 : 0;
                if (confirmation.confirmed()) {
                    done.add(rows.get(i).id());
                    published.confirmed(rows.get(i).routingKey(), rows.get(i).commands());
                } else {
                    if (firstProblem == null) {
                        firstProblem = rows.get(i).routingKey() + ": " + problem;
                    }
                    log.debug(
                            "Outbox message {} ({}) not confirmed: {}",
                            rows.get(i).messageId(),
                            rows.get(i).routingKey(),
                            problem);
                    jdbc.sql("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")
                            .params(problem, rows.get(i).id())
                            .update();
                }
            }
            if (!done.isEmpty()) {
                jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)")
                        .param("ids", done)
                        .update();
            }
            if (firstProblem != null && !done.isEmpty() && nacked == 0) {
                log.warn(
                        "Outbox relay: {} of {} messages not confirmed, sent again next time (first: {})",
                        rows.size() - done.size(),
                        rows.size(),
                        firstProblem);
            }
            return new Relayed(rows.size(), done.size(), done.isEmpty() ? 0 : nacked, firstProblem);
        });
        return relayed == null ? new Relayed(0, 0, 0, null) : relayed;
    }

    /**
     * What one batch did: rows claimed, rows the broker confirmed, rows it nacked while confirming others, and the
     * first refusal's routing key and why.
     */
    record Relayed(int claimed, int confirmed, int nacked, String firstProblem) {}

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

    private record Row(long id, String messageId, String routingKey, String payload, int commands) {}
}
