package io.gatesync.common.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names and limits of GateSync's RabbitMQ topology.
 *
 * @param prefix        put before every exchange and queue name; tests use a unique one per run
 * @param quorum        quorum queues (replicated in a RabbitMQ cluster); false for classic queues
 * @param deliveryLimit how often the broker redelivers one message before dead-lettering it: a last guard
 *                      against a requeue loop
 */
@ConfigurationProperties("gatesync.amqp")
public record AmqpProperties(
        @DefaultValue("gatesync") String prefix,
        @DefaultValue("true") boolean quorum,
        @DefaultValue("20") int deliveryLimit) {
}
