package io.gatesync.worker.schedule;

import java.util.Optional;
import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.gatesync.common.schedule.Job;

/**
 * ShedLock on the {@code shedlock} table, by the database's clock (so nodes' clocks may differ). A tick that finds
 * a due job's lock held by another node is counted ({@code gatesync.jobs.lock.busy}): with several workers that
 * happens when two ticks meet; a job whose lock is always busy while it never runs points at a dead node's lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "${gatesync.schedule.lock-at-most-for:2m}")
public class ScheduleConfiguration {

    @Bean
    LockProvider lockProvider(DataSource dataSource, MeterRegistry metrics) {
        LockProvider jdbc = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
        for (Job job : Job.values()) {
            busy(metrics, job.jobName()); // at 0 from the start, so rates and alerts have a series to read
        }
        return lockConfiguration -> {
            Optional<SimpleLock> lock = jdbc.lock(lockConfiguration);
            if (lock.isEmpty()) {
                busy(metrics, lockConfiguration.getName()).increment();
            }
            return lock;
        };
    }

    private static Counter busy(MeterRegistry metrics, String job) {
        return Counter.builder("gatesync.jobs.lock.busy")
                .description("Job ticks that found the lock held elsewhere")
                .tag("job", job)
                .register(metrics);
    }
}
