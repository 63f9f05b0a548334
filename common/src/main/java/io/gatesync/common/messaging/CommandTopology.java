package io.gatesync.common.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * The one description of GateSync's RabbitMQ topology, used by the api (to publish), the worker (to consume)
 * and tests (to clean up):
 * <pre>
 *   {prefix}.commands      (direct) --kind--> {prefix}.{kind}        work queue; the broker dead-letters to ↓
 *                                                                     past its delivery limit (a last guard)
 *   {prefix}.retry.{ms}ms  (fanout) --------> {prefix}.retry.{ms}ms  one per ZKTECO_RETRY_DELAYS step: holds a
 *                                                                     failed command that long, then dead-letters
 *                                                                     it back to {prefix}.commands, same kind
 *   {prefix}.dead-letters  (direct) --kind--> {prefix}.{kind}.dlq    failed for good, with reason headers; the
 *                                                                     workers record them for operators to replay
 * </pre>
 * Quorum queues dead-letter at-least-once (with reject-publish overflow), so a message moving between them is
 * never dropped.
 */
public record CommandTopology(AmqpProperties settings, List<Duration> retryDelays) {

    public CommandTopology {
        retryDelays = List.copyOf(retryDelays);
    }

    public String commandsExchange() {
        return settings.prefix() + ".commands";
    }

    public String deadLetterExchange() {
        return settings.prefix() + ".dead-letters";
    }

    public String queue(CommandKind kind) {
        return settings.prefix() + "." + kind.routingKey();
    }

    public String deadLetterQueue(CommandKind kind) {
        return queue(kind) + ".dlq";
    }

    /** The exchange (and queue) that holds a command for {@code delay} before it goes back to work. */
    public String retryExchange(Duration delay) {
        return settings.prefix() + ".retry." + delay.toMillis() + "ms";
    }

    /**
     * Queries the api asks a worker (test connection, BioTime employees and transactions), answered at once. Named
     * {@code .queries} since it is a quorum queue; the classic {@code .rpc} queue of earlier versions is unused.
     */
    public String rpcQueue() {
        return settings.prefix() + ".queries";
    }

    public List<String> deadLetterQueues() {
        return java.util.Arrays.stream(CommandKind.values())
                .map(this::deadLetterQueue)
                .toList();
    }

    public List<String> allQueues() {
        List<String> names = new ArrayList<>();
        for (CommandKind kind : CommandKind.values()) {
            names.add(queue(kind));
            names.add(deadLetterQueue(kind));
        }
        retryDelays.forEach(d -> names.add(retryExchange(d)));
        names.add(rpcQueue());
        return names;
    }

    public List<String> allExchanges() {
        List<String> names = new ArrayList<>(List.of(commandsExchange(), deadLetterExchange()));
        retryDelays.forEach(d -> names.add(retryExchange(d)));
        return names;
    }

    public List<Declarable> declarables() {
        DirectExchange commands =
                ExchangeBuilder.directExchange(commandsExchange()).durable(true).build();
        DirectExchange deadLetters = ExchangeBuilder.directExchange(deadLetterExchange())
                .durable(true)
                .build();
        List<Declarable> all = new ArrayList<>(List.of(commands, deadLetters));
        for (CommandKind kind : CommandKind.values()) {
            QueueBuilder work = durable(queue(kind))
                    .deadLetterExchange(deadLetterExchange())
                    .deadLetterRoutingKey(kind.routingKey());
            QueueBuilder dead = durable(deadLetterQueue(kind));
            if (settings.quorum()) {
                work.deliveryLimit(settings.deliveryLimit());
            }
            Queue workQueue = work.build();
            Queue deadQueue = dead.build();
            Binding workBinding = BindingBuilder.bind(workQueue).to(commands).with(kind.routingKey());
            Binding deadBinding = BindingBuilder.bind(deadQueue).to(deadLetters).with(kind.routingKey());
            all.addAll(List.of(workQueue, deadQueue, workBinding, deadBinding));
        }
        // Like the others, though a query is worth nothing after its asker gave up: a classic queue lives on one
        // node, and while that node is down workers cannot consume from it (their query listeners gave up for good)
        // nor can the queue be declared anew elsewhere. No dead-lettering: an unanswered query just goes.
        all.add(durable(rpcQueue()).build());
        for (Duration delay : retryDelays) {
            // No dead-letter routing key: the command keeps its own (its kind) on the way back.
            Queue hold = durable(retryExchange(delay))
                    .ttl((int) delay.toMillis())
                    .deadLetterExchange(commandsExchange())
                    .build();
            org.springframework.amqp.core.FanoutExchange exchange = ExchangeBuilder.fanoutExchange(retryExchange(delay))
                    .durable(true)
                    .build();
            all.addAll(List.of(exchange, hold, BindingBuilder.bind(hold).to(exchange)));
        }
        return all;
    }

    private QueueBuilder durable(String name) {
        QueueBuilder queue = QueueBuilder.durable(name);
        if (settings.quorum()) {
            queue.quorum()
                    .overflow(QueueBuilder.Overflow.rejectPublish)
                    .withArgument("x-dead-letter-strategy", "at-least-once");
            if (settings.quorumGroupSize() > 0) {
                // a confirm then means a majority of these nodes wrote the command (2 of 3)
                queue.withArgument("x-quorum-initial-group-size", settings.quorumGroupSize());
            }
        }
        return queue;
    }
}
