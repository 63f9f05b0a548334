package io.gatesync.worker.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.CommandGroups;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.messaging.Confirmation;
import io.gatesync.common.messaging.PublishedCommands;

/** The worker's way to publish: with publisher confirms and mandatory routing, waiting for the broker's word. */
@Component
public class CommandPublisher {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final RabbitTemplate rabbit;
    private final CommandTopology topology;
    private final JsonMapper json;
    private final PublishedCommands published;

    public CommandPublisher(
            RabbitTemplate rabbit, CommandTopology topology, JsonMapper json, PublishedCommands published) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.json = json;
        this.published = published;
    }

    /** Publishes commands to their work queues, grouped ({@link CommandGroups}); returns those confirmed. */
    public List<Command> publishAll(List<? extends Command> commands) {
        List<CommandGroups.Group> groups = CommandGroups.of(commands, json);
        List<CorrelationData> pending = new ArrayList<>(groups.size());
        for (CommandGroups.Group group : groups) {
            Message message = MessageBuilder.withBody(group.payload().getBytes(StandardCharsets.UTF_8))
                    .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                    .setMessageId(group.messageId())
                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                    .build();
            CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
            rabbit.send(topology.commandsExchange(), group.routingKey(), message, correlation);
            pending.add(correlation);
        }
        List<Command> confirmed = new ArrayList<>(commands.size());
        for (int i = 0; i < groups.size(); i++) {
            if (Confirmation.await(pending.get(i), CONFIRM_TIMEOUT).confirmed()) {
                List<Command> group = groups.get(i).commands();
                confirmed.addAll(group);
                published.confirmed(CommandKind.of(group.get(0)), group.size());
            }
        }
        return confirmed;
    }

    /** Publishes one message and waits for its confirm; throws if the broker did not take it. */
    public void publishConfirmed(String exchange, String routingKey, Message message) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        rabbit.send(exchange, routingKey, message, correlation);
        Confirmation confirmation = Confirmation.await(correlation, CONFIRM_TIMEOUT);
        if (!confirmation.confirmed()) {
            throw new AmqpException("Not confirmed by the broker (" + exchange + "): " + confirmation.problem());
        }
    }
}
