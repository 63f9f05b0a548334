package io.gatesync.worker.schedule;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.metrics.DbGauges;
import io.gatesync.common.schedule.Job;
import io.gatesync.common.schedule.ScheduleSettings;

/**
 * Whether each periodic job keeps running, cluster-wide: when it last succeeded (0 if never) and how often it
 * should run under the settings in force now (NaN while it is switched off, so "overdue" alerts stay quiet).
 * Runs themselves are timed by {@link JobRunner}; lock attempts another node won are counted by
 * {@link ScheduleConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class JobMetrics {

    public JobMetrics(
            JdbcClient jdbc,
            MeterRegistry registry,
            RuntimeSettings settings,
            ScheduleSettings schedule,
            @Value("${gatesync.metrics.db-gauge-max-age:10s}") Duration maxAge) {
        DbGauges gauges = new DbGauges(jdbc, registry, maxAge);
        for (Job job : Job.values()) {
            Tags tags = Tags.of("job", job.jobName());
            // by difference, not UNIX_TIMESTAMP(): the column holds UTC whatever the session's time zone is
            gauges.register(
                    "gatesync.jobs.last.success.timestamp.seconds",
                    "When the job last succeeded anywhere in the cluster (Unix seconds; 0 if never)",
                    tags,
                    "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', last_success) / 1000000 "
                            + "FROM sync_jobs WHERE name = '" + job.jobName() + "'");
            Gauge.builder("gatesync.jobs.interval.seconds", () -> {
                        ZktecoProperties now = settings.current();
                        return job.enabled(now) ? job.interval(now, schedule).toMillis() / 1000.0 : Double.NaN;
                    })
                    .description("How often the job should run now; NaN while it is switched off")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
