package io.gatesync.common.messaging;

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
 *   {prefix}.commands      (direct) --kind--> {prefix}.{kind}       work queue, dead-letters to ↓
 *   {prefix}.dead-letters  (direct) --kind--> {prefix}.{kind}.dlq   kept until an operator replays them
 * </pre>
 */
public record CommandTopology(AmqpProperties settings) {

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

    public List<String> allQueues() {
        List<String> names = new ArrayList<>();
        for (CommandKind kind : CommandKind.values()) {
            names.add(queue(kind));
            names.add(deadLetterQueue(kind));
        }
        return names;
    }

    public List<Declarable> declarables() {
        DirectExchange commands = ExchangeBuilder.directExchange(commandsExchange()).durable(true).build();
        DirectExchange deadLetters = ExchangeBuilder.directExchange(deadLetterExchange()).durable(true).build();
        List<Declarable> all = new ArrayList<>(List.of(commands, deadLetters));
        for (CommandKind kind : CommandKind.values()) {
            QueueBuilder work = QueueBuilder.durable(queue(kind))
                    .deadLetterExchange(deadLetterExchange())
                    .deadLetterRoutingKey(kind.routingKey());
            QueueBuilder dead = QueueBuilder.durable(deadLetterQueue(kind));
            if (settings.quorum()) {
                work.quorum().deliveryLimit(settings.deliveryLimit());
                dead.quorum();
            }
            Queue workQueue = work.build();
            Queue deadQueue = dead.build();
            Binding workBinding = BindingBuilder.bind(workQueue).to(commands).with(kind.routingKey());
            Binding deadBinding = BindingBuilder.bind(deadQueue).to(deadLetters).with(kind.routingKey());
            all.addAll(List.of(workQueue, deadQueue, workBinding, deadBinding));
        }
        return all;
    }
}
