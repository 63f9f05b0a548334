package io.gatesync.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

import io.gatesync.common.config.InvalidSettingException;

class CommandTopologyTest {

    private static List<Queue> queues(AmqpProperties settings) {
        return new CommandTopology(settings, List.of(Duration.ofSeconds(5)))
                .declarables().stream()
                        .filter(Queue.class::isInstance)
                        .map(Queue.class::cast)
                        .toList();
    }

    @Test
    void everyQuorumQueueAsksForThreeNodesByDefault() {
        List<Queue> quorum = queues(AmqpProperties.withPrefix("t")).stream()
                .filter(q -> "quorum".equals(q.getArguments().get("x-queue-type")))
                .toList();
        // work and dead-letter queue of each kind, one retry queue, the queries
        assertThat(quorum).hasSize(CommandKind.values().length * 2 + 2);
        assertThat(quorum)
                .allSatisfy(q -> assertThat(q.getArguments()).containsEntry("x-quorum-initial-group-size", 3));
    }

    @Test
    void groupSizeZeroLeavesTheSizeToTheBroker() {
        assertThat(queues(new AmqpProperties("t", true, 20, 0)))
                .allSatisfy(q -> assertThat(q.getArguments()).doesNotContainKey("x-quorum-initial-group-size"));
    }

    @Test
    void classicQueuesCarryNoGroupSize() {
        assertThat(queues(new AmqpProperties("t", false, 20, 3)))
                .allSatisfy(q -> assertThat(q.getArguments()).doesNotContainKey("x-quorum-initial-group-size"));
    }

    @Test
    void aNegativeGroupSizeNamesItsVariable() {
        assertThatThrownBy(() -> new AmqpProperties("t", true, 20, -1))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("GATESYNC_AMQP_QUORUM_GROUP_SIZE=-1 is not allowed");
    }
}
