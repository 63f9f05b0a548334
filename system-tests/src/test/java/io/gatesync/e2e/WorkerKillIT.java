package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workers as real processes, killed mid-run: one with SIGKILL (no chance to clean up: the broker redelivers its
 * unacked commands, the database drops its locks), one with SIGTERM (it finishes what it holds). All
 * punches still reach BioTime, each once: one by one (transaction-api) and in batched uploads (adms, where a kill
 * lands mid-batch). CI runs 100 people (400 punches a channel); {@code -Dgatesync.worker-kill.people=250} runs the
 * full 1,000.
 */
class WorkerKillIT {

    /** People sending two visits each: four punches a person. */
    private static final int PEOPLE = Integer.getInteger("gatesync.worker-kill.people", 100);

    private static final int PUNCHES = PEOPLE * 4;

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(
                0,
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
                "--zkteco.rate-limit=150",
                "--zkteco.max-in-flight=16",
                "--zkteco.connect-timeout=1s",
                "--zkteco.read-timeout=3s"); // a killed worker's marked pushes have surely ended 19 s later
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Process startWorkerProcess(String name, String channel) throws Exception {
        return stack.startWorkerProcess(name, "256m", "--zkteco.punch-channel=" + channel);
    }

    private static boolean consuming(String name) {
        return stack.db.queryForObject("SELECT COUNT(*) FROM zkteco_sync_logs WHERE node = ?", Integer.class, name) > 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction-api", "adms"})
    void killedAndStoppedWorkersLoseNoPunchAndDoubleNone(String channel) throws Exception {
        // slow enough that the kill lands while commands are in hand (an adms upload carries up to 200 punches)
        stack.simClient
                .post()
                .uri("/sim/faults")
                .header("Content-Type", "application/json")
                .bodyValue("{\"latencyMs\":" + (channel.equals("adms") ? 400 : 40) + "}")
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Void.class);
        Process killed = startWorkerProcess(channel + "-1", channel);
        Process stopped = startWorkerProcess(channel + "-2", channel);
        // the gates keep sending while workers die: sent one by one, a request a person and a punch take minutes on
        // a busy machine, and waiting for them first would let every punch reach BioTime before the kill
        Traffic traffic = new Traffic(stack);
        CompletableFuture<Traffic> sending = CompletableFuture.supplyAsync(() -> traffic.peopleWithVisits(PEOPLE, 2));
        await().atMost(Duration.ofSeconds(120)).until(() -> consuming(channel + "-1") && consuming(channel + "-2"));
        await().atMost(Duration.ofSeconds(120)).until(() -> traffic.punchesInBioTime() >= PUNCHES * 15 / 100);

        killed.destroyForcibly(); // SIGKILL
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Process third = startWorkerProcess(channel + "-3", channel);
        await().atMost(Duration.ofSeconds(120)).until(() -> traffic.punchesInBioTime() >= PUNCHES / 2);

        stopped.destroy(); // SIGTERM: a graceful stop
        assertThat(stopped.waitFor(60, TimeUnit.SECONDS)).isTrue();

        sending.get(5, TimeUnit.MINUTES);
        traffic.awaitSynced(Duration.ofSeconds(300));
        traffic.assertExactlyOnceInBioTime();
        assertThat(traffic.expectedPunches).hasSize(PUNCHES);
        assertThat(traffic.deadLetters()).as(traffic.deadLetterReport()).isZero();
        third.destroy(); // the next channel's run starts its own workers
        assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
}
