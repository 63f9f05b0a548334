package io.gatesync.worker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.common.db.Rows;
import io.gatesync.common.schedule.Job;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/** Each job's row in {@code sync_jobs}: when it last ran (which decides when it is next due), how it went. */
@Component
public class JobState {

    private final JdbcClient jdbc;

    public JobState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which of these jobs are due: {@code interval} has passed since the job last started, anywhere in the cluster (a
     * job that never ran is due). By the database's clock, like ShedLock, so nodes whose clocks differ still agree.
     * One read of {@code sync_jobs}, whether a tick asks for every job or a job asks again under its lock.
     */
    public Set<Job> due(Map<Job, Duration> intervals) {
        Map<String, Long> sinceStartUs = new HashMap<>(); // null: never started
        jdbc.sql("SELECT name, TIMESTAMPDIFF(MICROSECOND, last_started, UTC_TIMESTAMP(3)) FROM sync_jobs")
                .query(rs -> {
                    long since = rs.getLong(2);
                    Long started = rs.wasNull() ? null : since; // before reading another column
                    sinceStartUs.put(rs.getString(1), started);
                });
        Set<Job> due = EnumSet.noneOf(Job.class);
        intervals.forEach((job, interval) -> {
            Long since = sinceStartUs.get(job.jobName());
            if (since == null || since >= interval.toNanos() / 1000) {
                due.add(job);
            }
        });
        return due;
    }

    /** The job starts now: its row (written on its first run) counts the run. */
    public void started(Job job) {
        jdbc.sql("INSERT INTO sync_jobs (name, runs, last_started) VALUES (?, 1, UTC_TIMESTAMP(3)) "
                        + "ON DUPLICATE KEY UPDATE runs = runs + 1, last_started = UTC_TIMESTAMP(3)")
                .param(job.jobName())
                .update();
    }

    public void finished(Job job, boolean success, String message, int items, long durationMs) {
        jdbc.sql(
                        "UPDATE sync_jobs SET last_finished = ?, last_outcome = ?, last_message = ?, last_items = ?, "
                                + "last_duration_ms = ?, last_success = CASE WHEN ? THEN ? ELSE last_success END WHERE name = ?")
                .params(
                        DbTime.now(),
                        success ? "SUCCESS" : "FAILED",
                        Texts.truncate(message, 500),
                        items,
                        (int) durationMs,
                        success,
                        DbTime.now(),
                        job.jobName())
                .update();
    }

    public Optional<Instant> watermark(Job job) {
        return jdbc.sql("SELECT watermark FROM sync_jobs WHERE name = ?")
                .param(job.jobName())
                .query((rs, n) -> Optional.ofNullable(Rows.instant(rs, "watermark")))
                .optional()
                .flatMap(w -> w);
    }

    public void watermark(Job job, Instant watermark) {
        jdbc.sql("UPDATE sync_jobs SET watermark = ? WHERE name = ?")
                .params(DbTime.toDb(watermark), job.jobName())
                .update();
    }
}
