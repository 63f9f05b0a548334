package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;

/**
 * Issue 22: a worker killed with SIGKILL in the middle of a reconciliation run, while it is sending BioTime's lost
 * punches again. The broker gives the run's command to another worker, which resumes from the run's items and ends
 * with the report the damage calls for: nothing doubled, nothing unresolved, both sides equal.
 */
class ReconcileKillIT {

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        // a killed worker's marked pushes have surely ended some 9 s later (connect + read timeout + margin)
        stack = new Stack(
                1, ReconcileScenario.reconcileOnlyArgs("--zkteco.connect-timeout=1s", "--zkteco.read-timeout=3s"));
    }

    @Test
    void aRunWhoseWorkerIsKilledMidHealEndsWithTheSameReport() throws Exception {
        LocalDate yesterday = LocalDate.now(ReconcileScenario.SITE).minusDays(1);
        ReconcileScenario scenario = new ReconcileScenario(stack, 40, List.of(yesterday.minusDays(1), yesterday))
                .send()
                .damage(10, 3);
        int damaged = scenario.punches().size();
        // from here on, workers that spend 5 requests a second: the lost punches go back one by one, slowly enough
        // for the kill to land among them
        // (stopped, not closed: closing a WebFlux context in this JVM takes the shared Reactor Netty resources along)
        stack.workers.get(0).getBean(RabbitListenerEndpointRegistry.class).stop();
        Process killed = stack.startWorkerProcess("reconcile-1", "256m", "--zkteco.rate-limit=5");

        long runId = scenario.start();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> scenario.punches().size() >= damaged + 3);
        killed.destroyForcibly().waitFor();
        int sentBeforeTheKill = scenario.punches().size() - damaged;
        assertThat(sentBeforeTheKill).as("punches sent again before the kill").isLessThan(2 * scenario.deletedPerDay);

        stack.startWorkerProcess("reconcile-2", "256m", "--zkteco.rate-limit=50");
        scenario.assertHealedExactlyTheDamage(scenario.finished(runId, Duration.ofMinutes(3)));
        scenario.assertBothSidesEqual();
        assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM dead_letters", Integer.class))
                .isZero();
    }
}
