package io.gatesync.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.MediaType;

import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.worker.biotime.CircuitBreaker;

/**
 * GateSync's promise under faults, with real RabbitMQ and database: every person and punch reaches BioTime
 * exactly once, and only what cannot succeed reaches the dead letters, with its reason.
 */
class NothingLostTest {

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(2, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
                "--zkteco.timezone=Asia/Karachi", "--gatesync.circuit.open-for=2s", "--gatesync.circuit.max-open-for=4s",
                "--gatesync.circuit.probe-interval=500ms", "--zkteco.read-timeout=2s", "--zkteco.rate-limit=200",
                "--zkteco.max-in-flight=16");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void healthyBioTime() {
        stack.simClient.delete().uri("/sim/faults").exchange().expectStatus().is2xxSuccessful().expectBody(Void.class);
    }

    private static void faults(String json) {
        stack.simClient.post().uri("/sim/faults").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().is2xxSuccessful().expectBody(Void.class);
    }

    private static int deadLetterQueueDepth() {
        AmqpAdmin admin = stack.api.getBean(AmqpAdmin.class);
        CommandTopology topology = stack.api.getBean(CommandTopology.class);
        return topology.deadLetterQueues().stream()
                .mapToInt(q -> (int) admin.getQueueInfo(q).getMessageCount()).sum();
    }

    @Test
    void flakyThenDownThenHealthyBioTimeGetsEverythingExactlyOnceAndNothingIsDeadLettered() throws Exception {
        int deadBefore = new Traffic(stack).deadLetters();
        faults("{\"latencyMs\":300,\"errorRate\":0.3,\"errorStatus\":503}");
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(15);
        Thread.sleep(5_000); // let the flaky phase do some of the work
        faults("{\"refuseConnections\":true,\"errorRate\":0}");
        traffic.peopleWithEntryAndExit(5); // accepted while BioTime is down
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.workers.stream()
                .anyMatch(w -> w.getBean(CircuitBreaker.class).state() != CircuitBreaker.State.CLOSED));
        Thread.sleep(30_000); // down for 30 s
        stack.simClient.delete().uri("/sim/faults").exchange().expectStatus().is2xxSuccessful().expectBody(Void.class);

        traffic.awaitSynced(Duration.ofSeconds(180));
        traffic.assertExactlyOnceInBioTime();
        assertThat(traffic.deadLetters()).as("dead letters").isEqualTo(deadBefore);
        assertThat(deadLetterQueueDepth()).isZero();
        Integer waited = stack.db.queryForObject("SELECT COUNT(*) FROM zkteco_sync_logs WHERE message LIKE "
                + "'%not counted%'", Integer.class);
        assertThat(waited).as("commands that waited out the outage").isPositive();
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonAndDoesNotBlockTheQueue() {
        RabbitTemplate rabbit = stack.api.getBean(RabbitTemplate.class);
        CommandTopology topology = stack.api.getBean(CommandTopology.class);
        rabbit.send(topology.commandsExchange(), CommandKind.ENTRY_SYNC.routingKey(),
                MessageBuilder.withBody("{not json at all".getBytes()).setContentType("application/json")
                        .setMessageId("poison-1").build());
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.db.queryForList(
                "SELECT reason, kind FROM dead_letters WHERE message_id = 'poison-1'"))
                .containsExactly(Map.of("reason", "UNPARSEABLE", "kind", "ENTRY_SYNC")));
        traffic.awaitSynced(Duration.ofSeconds(60));
        traffic.assertExactlyOnceInBioTime();
    }

    @Test
    void aRedeliveredCommandWhoseWorkIsDoneChangesNothing() {
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(1);
        traffic.awaitSynced(Duration.ofSeconds(60));
        long entryLogId = stack.db.queryForObject("SELECT id FROM entry_logs WHERE cnic = ?", Long.class,
                traffic.cnics.get(0));
        RabbitTemplate rabbit = stack.api.getBean(RabbitTemplate.class);
        CommandTopology topology = stack.api.getBean(CommandTopology.class);
        for (int i = 0; i < 3; i++) {
            rabbit.convertAndSend(topology.commandsExchange(), CommandKind.ENTRY_SYNC.routingKey(),
                    new SyncEntryCommand("again-" + i + "-" + entryLogId, entryLogId, Instant.now()), m -> {
                        m.getMessageProperties().setContentType(MessageProperties.CONTENT_TYPE_JSON);
                        return m;
                    });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.db.queryForObject(
                "SELECT COUNT(*) FROM zkteco_sync_logs WHERE command_id LIKE 'again-%' AND target = ?", Integer.class,
                Long.toString(entryLogId)) == 3);
        traffic.assertExactlyOnceInBioTime();
    }
}
