package io.gatesync.common.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.gatesync.common.config.InvalidSettingException;

/**
 * Names and limits of GateSync's RabbitMQ topology.
 *
 * @param prefix        put before every exchange and queue name; tests use a unique one per run
 * @param quorum        quorum queues (replicated in a RabbitMQ cluster); false for classic queues
 * @param deliveryLimit how often the broker redelivers one message before dead-lettering it: a last guard
 *                      against a requeue loop
 * @param quorumGroupSize how many RabbitMQ nodes hold each quorum queue ({@code x-quorum-initial-group-size}): 3
 *                      survives one node lost and keeps a majority of 2; a broker with fewer nodes places the queue
 *                      on all it has (so 3 works on one node). 0 sends no size: the broker puts the queue on every
 *                      node of the cluster, as queues declared before this setting were (RabbitMQ refuses to
 *                      redeclare an existing queue with another size: see docs/scaling.md for moving one)
 */
@ConfigurationProperties("gatesync.amqp")
public record AmqpProperties(
        @DefaultValue("gatesync") String prefix,
        @DefaultValue("true") boolean quorum,
        @DefaultValue("20") int deliveryLimit,
        @DefaultValue("3") int quorumGroupSize) {

    public AmqpProperties {
        if (quorumGroupSize < 0) {
            throw new InvalidSettingException(
                    "GATESYNC_AMQP_QUORUM_GROUP_SIZE",
                    Integer.toString(quorumGroupSize),
                    "a number of nodes, 1 or more (3 for a three-node cluster), or 0 for the broker's default");
        }
    }

    /** The settings as tests and tools use them, for one queue prefix. */
    public static AmqpProperties withPrefix(String prefix) {
        return new AmqpProperties(prefix, true, 20, 3);
    }
}
