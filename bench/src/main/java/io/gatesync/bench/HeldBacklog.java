package io.gatesync.bench;

import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * A queue's messages taken aside and put back at once. Workers become ready one after another (four JVMs take
 * ~30 s to start on two cores), and the first one ready would drain most of a backlog alone: a budget run
 * holds its backlog while its workers start, so every worker meets it at the same moment (after a warm-up share:
 * fresh JVMs compile their hot code in the first seconds of work).
 */
final class HeldBacklog {

    private record Held(AMQP.BasicProperties properties, byte[] body) {}

    private final String addresses;
    private final String queue;
    private final List<Held> messages = new ArrayList<>();

    private HeldBacklog(String addresses, String queue) {
        this.addresses = addresses;
        this.queue = queue;
    }

    /** Takes every message now in {@code queue} (on the apps' RabbitMQ nodes, guest/guest as they use). */
    static HeldBacklog take(String addresses, String queue) throws Exception {
        HeldBacklog backlog = new HeldBacklog(addresses, queue);
        try (Connection connection = backlog.connect();
                Channel channel = connection.createChannel()) {
            GetResponse message;
            while ((message = channel.basicGet(queue, true)) != null) {
                backlog.messages.add(new Held(message.getProps(), message.getBody()));
            }
        }
        return backlog;
    }

    int size() {
        return messages.size();
    }

    /** Puts every message still held back into its queue, as it was; waits for the broker to confirm them. */
    int release() throws Exception {
        return release(messages.size());
    }

    /**
     * Puts the first {@code count} messages still held back into the queue (a warm-up before the measured rest);
     * returns how many commands they carry (a message carries one command or a JSON array of them).
     */
    int release(int count) throws Exception {
        List<Held> now = messages.subList(0, Math.min(count, messages.size()));
        int commands = 0;
        for (Held held : now) {
            commands += Http.JSON.readTree(held.body()) instanceof tools.jackson.databind.node.ArrayNode group
                    ? group.size()
                    : 1;
        }
        try (Connection connection = connect();
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (Held held : now) {
                channel.basicPublish("", queue, held.properties(), held.body());
            }
            channel.waitForConfirmsOrDie(60_000);
        }
        now.clear();
        return commands;
    }

    private Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory.newConnection(com.rabbitmq.client.Address.parseAddresses(addresses), "gatesync-bench");
    }
}
