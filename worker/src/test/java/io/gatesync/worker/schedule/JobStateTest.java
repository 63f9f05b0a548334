package io.gatesync.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.schedule.Job;
import io.gatesync.testsupport.TestServices;

/** When a periodic job is due, by its row in {@code sync_jobs} and the database's clock. */
class JobStateTest {

    private JdbcClient jdbc;
    private JobState state;

    @BeforeEach
    void database() {
        jdbc = JdbcClient.create(TestServices.get().newMigratedDataSource());
        state = new JobState(jdbc);
    }

    @Test
    void aJobIsDueOnceItsIntervalHasPassedSinceItLastStartedOrIfItNeverDid() {
        startedSecondsAgo(Job.ENTRY_SYNC, 30);
        startedSecondsAgo(Job.PEOPLE_SYNC, 90);
        jdbc.sql("INSERT INTO sync_jobs (name) VALUES ('reconcile')").update(); // a row, never started
        // attendance-pull and sync-log-cleanup have no row yet

        Map<Job, Duration> intervals = Map.of(
                Job.ENTRY_SYNC, Duration.ofMinutes(1),
                Job.PEOPLE_SYNC, Duration.ofMinutes(1),
                Job.ATTENDANCE_PULL, Duration.ofMinutes(1),
                Job.RECONCILE, Duration.ofMinutes(1));

        assertThat(state.due(intervals)).containsExactlyInAnyOrder(Job.PEOPLE_SYNC, Job.ATTENDANCE_PULL, Job.RECONCILE);
    }

    @Test
    void aStartWritesTheJobsRowOnItsFirstRunAndCountsEveryRun() {
        state.started(Job.ATTENDANCE_PULL);
        assertThat(state.due(Map.of(Job.ATTENDANCE_PULL, Duration.ofHours(1)))).isEmpty();
        state.started(Job.ATTENDANCE_PULL);

        assertThat(jdbc.sql("SELECT runs FROM sync_jobs WHERE name = 'attendance-pull'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(state.due(Map.of(Job.ATTENDANCE_PULL, Duration.ZERO))).containsExactly(Job.ATTENDANCE_PULL);
    }

    @Test
    void onlyTheJobsAskedAboutAreAnswered() {
        assertThat(state.due(Map.of(Job.ENTRY_SYNC, Duration.ofMinutes(5)))).containsExactly(Job.ENTRY_SYNC);
    }

    private void startedSecondsAgo(Job job, int seconds) {
        jdbc.sql("INSERT INTO sync_jobs (name, last_started) VALUES (?, UTC_TIMESTAMP(3) - INTERVAL ? SECOND)")
                .params(job.jobName(), seconds)
                .update();
    }
}
