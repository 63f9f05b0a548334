package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.CircuitBreaker;
import io.gatesync.worker.entrylog.EntrySync;

/**
 * GateSync's promise under faults, with real RabbitMQ and database: every person and punch reaches BioTime
 * exactly once, and only what cannot succeed reaches the dead letters, with its reason.
 */
class NothingLostTest {

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.underFaults(
                "--gatesync.circuit.open-for=2s",
                "--gatesync.circuit.max-open-for=4s",
                "--gatesync.circuit.probe-interval=500ms",
                "--zkteco.connect-timeout=1s");
    }

    @BeforeEach
    void healthyBioTime() {
        stack.clearFaults();
    }

    private static int deadLetterQueueDepth() {
        AmqpAdmin admin = stack.api.getBean(AmqpAdmin.class);
        CommandTopology topology = stack.api.getBean(CommandTopology.class);
        return topology.deadLetterQueues().stream()
                .mapToInt(q -> (int) admin.getQueueInfo(q).getMessageCount())
                .sum();
    }

    @Test
    void flakyThenDownThenHealthyBioTimeGetsEverythingExactlyOnceAndNothingIsDeadLettered() throws Exception {
        int deadBefore = new Traffic(stack).deadLetters();
        stack.faults("{\"latencyMs\":300,\"errorRate\":0.3,\"errorStatus\":503}");
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(15);
        Thread.sleep(5_000); // let the flaky phase do some of the work
        stack.faults("{\"refuseConnections\":true,\"errorRate\":0}");
        traffic.peopleWithEntryAndExit(5); // accepted while BioTime is down
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.workers.stream()
                        .anyMatch(w -> w.getBean(CircuitBreaker.class).state() != CircuitBreaker.State.CLOSED));
        Thread.sleep(30_000); // down for 30 s
        stack.clearFaults();

        traffic.awaitSynced(Duration.ofSeconds(180));
        traffic.assertExactlyOnceInBioTime();
        assertThat(traffic.deadLetters()).as("dead letters").isEqualTo(deadBefore);
        assertThat(deadLetterQueueDepth()).isZero();
        Integer waited = stack.db.queryForObject(
                "SELECT COUNT(*) FROM zkteco_sync_logs WHERE message LIKE " + "'%not counted%'", Integer.class);
        assertThat(waited).as("commands that waited out the outage").isPositive();
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonAndDoesNotBlockTheQueue() {
        RabbitTemplate rabbit = stack.api.getBean(RabbitTemplate.class);
        CommandTopology topology = stack.api.getBean(CommandTopology.class);
        rabbit.send(
                topology.commandsExchange(),
                CommandKind.ENTRY_SYNC.routingKey(),
                MessageBuilder.withBody("{not json at all".getBytes())
                        .setContentType("application/json")
                        .setMessageId("poison-1")
                        .build());
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(2);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(stack.db.queryForList(
                                "SELECT reason, kind FROM dead_letters WHERE message_id = 'poison-1'"))
                        .containsExactly(Map.of("reason", "UNPARSEABLE", "kind", "ENTRY_SYNC")));
        traffic.awaitSynced(Duration.ofSeconds(60));
        traffic.assertExactlyOnceInBioTime();
    }

    @Test
    void aRedeliveredCommandWhoseWorkIsDoneChangesNothing() {
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(1);
        traffic.awaitSynced(Duration.ofSeconds(60));
        long entryLogId =
                stack.db.queryForObject("SELECT id FROM entry_logs WHERE cnic = ?", Long.class, traffic.cnics.get(0));
        for (int i = 0; i < 3; i++) {
            stack.publish(new SyncEntryCommand("again-" + i + "-" + entryLogId, entryLogId, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM zkteco_sync_logs WHERE command_id LIKE 'again-%' AND target = ?",
                                Integer.class, Long.toString(entryLogId))
                        == 3);
        traffic.assertExactlyOnceInBioTime();
    }

    /**
     * A message carrying a group of commands (the api's outbox sends a gate batch's commands together): each command
     * is run on its own, and only the bad ones are dead-lettered, each alone under its own command id.
     */
    @Test
    void aGroupOfCommandsIsRunOneByOneAndOnlyItsBadCommandsAreDeadLettered() {
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(2);
        traffic.awaitSynced(Duration.ofSeconds(60));
        List<Long> logs = stack.db.queryForList(
                "SELECT id FROM entry_logs WHERE cnic IN (?, ?) ORDER BY id",
                Long.class,
                traffic.cnics.get(0),
                traffic.cnics.get(1));
        String tag = Long.toString(System.nanoTime());
        long missing = 987_654_321L;
        String group = "[" + entrySync("group-ok-1-" + tag, logs.get(0)) + "," + entrySync("group-bad-" + tag, missing)
                + ",{\"entryLogId\":" + logs.get(1) + "}," + entrySync("group-ok-2-" + tag, logs.get(1)) + "]";
        RabbitTemplate rabbit = stack.api.getBean(RabbitTemplate.class);
        CommandTopology topology = stack.api.getBean(CommandTopology.class);
        rabbit.send(
                topology.commandsExchange(),
                CommandKind.ENTRY_SYNC.routingKey(),
                MessageBuilder.withBody(group.getBytes())
                        .setContentType("application/json")
                        .setMessageId("group-" + tag)
                        .build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stack.db.queryForList(
                            "SELECT command_id FROM zkteco_sync_logs WHERE command_id IN (?, ?) "
                                    + "AND outcome = 'SUCCESS'",
                            String.class,
                            "group-ok-1-" + tag,
                            "group-ok-2-" + tag))
                    .containsExactlyInAnyOrder("group-ok-1-" + tag, "group-ok-2-" + tag);
            assertThat(stack.db.queryForList(
                            "SELECT message_id, reason, target FROM dead_letters WHERE payload LIKE ?",
                            "%" + missing + "%"))
                    .containsExactly(Map.of(
                            "message_id", "group-bad-" + tag, "reason", "PERMANENT", "target", Long.toString(missing)));
            assertThat(stack.db.queryForList(
                            "SELECT reason FROM dead_letters WHERE payload = ?",
                            String.class,
                            "{\"entryLogId\":" + logs.get(1) + "}"))
                    .containsExactly("UNPARSEABLE");
        });
        traffic.assertExactlyOnceInBioTime();
    }

    private static String entrySync(String commandId, long entryLogId) {
        return "{\"commandId\":\"" + commandId + "\",\"entryLogId\":" + entryLogId
                + ",\"requestedAt\":\"2026-11-24T08:00:00Z\"}";
    }

    /**
     * Another worker marked two punches as being pushed a moment ago and lost its lock (the database dropped the
     * lock's connection) while the pushes were under way. One lands in BioTime a little later, the other never
     * does: the first is recorded, not sent again; the second is sent once its push has surely ended.
     */
    @Test
    void aPushThatMayStillBeUnderWayIsWaitedForNotSentTwice() {
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(1);
        traffic.awaitSynced(Duration.ofSeconds(60));
        String cnic = traffic.cnics.get(0);
        long personId = stack.db.queryForObject("SELECT id FROM people WHERE cnic = ?", Long.class, cnic);
        Instant lands = Instant.parse("2026-11-22T04:00:00Z").plusSeconds(Long.parseLong(cnic.substring(8)));
        Instant neverLands = lands.plusSeconds(3600);
        Instant markedAt = Instant.now();
        long landsId = entryWhosePushStarted(personId, cnic, lands, markedAt);
        long neverLandsId = entryWhosePushStarted(personId, cnic, neverLands, markedAt);
        for (long id : List.of(landsId, neverLandsId)) {
            stack.publish(new SyncEntryCommand("in-flight-" + id, id, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(DISTINCT target) "
                                        + "FROM zkteco_sync_logs WHERE command_id LIKE 'in-flight-%' AND message LIKE '%may still reach "
                                        + "BioTime%not yet; waiting%'",
                                Integer.class)
                        == 2);
        assertThat(traffic.punchesInBioTime())
                .as("nothing sent while the earlier pushes may be under way")
                .isEqualTo(2);

        String karachi = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneId.of("Asia/Karachi"))
                .format(lands);
        long landedId = ((Number)
                        stack
                                .addPunches(List.of(Map.of("emp_code", cnic, "punch_time", karachi, "punch_state", 0)))
                                .stream()
                                .map(t -> t.get("id"))
                                .findFirst()
                                .orElseThrow())
                .longValue();
        traffic.expectedPunches.add(cnic + "/0/" + lands);
        traffic.expectedPunches.add(cnic + "/0/" + neverLands);

        traffic.awaitSynced(Duration.ofSeconds(60));
        traffic.assertExactlyOnceInBioTime();
        assertThat(stack.db.queryForObject(
                        "SELECT zkteco_transaction_id FROM entry_logs WHERE id = ?", Long.class, landsId))
                .as("the punch that landed late is recorded, not sent again")
                .isEqualTo(landedId);
        Instant sentAfter = DbTime.fromDb(stack.db.queryForObject(
                "SELECT entry_push_started_at FROM entry_logs " + "WHERE id = ?",
                java.time.LocalDateTime.class,
                neverLandsId));
        Duration endsWithin = stack.workers.get(0).getBean(EntrySync.class).pushEndsWithin();
        assertThat(sentAfter)
                .as("sent again only once the earlier push had surely ended")
                .isAfterOrEqualTo(markedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .plus(endsWithin));
    }

    private static long entryWhosePushStarted(long personId, String cnic, Instant entry, Instant markedAt) {
        String now = DbTime.now();
        stack.db.update(
                "INSERT INTO entry_logs (person_id, cnic, entry_time, source, entry_push_started_at, "
                        + "created_at, updated_at) VALUES (?, ?, ?, 'GATE', ?, ?, ?)",
                personId,
                cnic,
                DbTime.toDb(entry),
                DbTime.toDb(markedAt),
                now,
                now);
        return stack.db.queryForObject(
                "SELECT id FROM entry_logs WHERE cnic = ? AND entry_time = ?", Long.class, cnic, DbTime.toDb(entry));
    }
}
