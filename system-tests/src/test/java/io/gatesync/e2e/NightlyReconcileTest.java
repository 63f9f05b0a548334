package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nightly reconciliation: once ZKTECO_RECONCILE_AT has passed and the attendance pull is complete past
 * yesterday's end, one node queues a run of yesterday (not of the days before the pull's first read), and does not
 * queue it again.
 */
class NightlyReconcileTest {

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        // reconcile-at 00:00: always passed; the job looks every second; the pull every 2 s (a "minute" of 1 s)
        stack = new Stack(
                2,
                ReconcileScenario.siteArgs(
                        "--zkteco.reconcile-at=00:00",
                        "--gatesync.schedule.reconcile-check=1s",
                        "--gatesync.schedule.minute=1s",
                        "--zkteco.pull-interval=2",
                        "--gatesync.schedule.tick=200ms",
                        "--gatesync.schedule.initial-delay=0s",
                        "--gatesync.schedule.pull-lag=0s"));
    }

    @Test
    void yesterdayIsReconciledOnceByOneNode() throws Exception {
        LocalDate yesterday = LocalDate.now(ReconcileScenario.SITE).minusDays(1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM reconcile_runs WHERE requested_by = 'nightly' AND status = "
                                        + "'DONE'",
                                Integer.class)
                        == 1);
        List<LocalDate> days = stack.db.queryForList("SELECT day FROM reconcile_days", LocalDate.class);
        assertThat(days).containsExactly(yesterday);
        Thread.sleep(3_000); // three more checks by each node: proving nothing more happens takes the wait itself
        assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM reconcile_runs", Integer.class))
                .isEqualTo(1);
        assertThat(stack.db.queryForObject(
                        "SELECT COUNT(*) FROM zkteco_sync_logs WHERE kind = 'JOB' AND target = "
                                + "'reconcile' AND message = '1 queued'",
                        Integer.class))
                .isEqualTo(1);
    }
}
