package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/** One arrival read at a time in the cluster: a periodic run that overlaps an earlier run's read ends at once. */
class ArrivalImportTest {

    private static AttendanceDatabase data;

    @BeforeAll
    static void start() {
        data = new AttendanceDatabase();
    }

    @AfterAll
    static void stop() {
        if (data != null) {
            data.close();
        }
    }

    @Test
    void aReadThatFindsAnotherRunningEndsAtOnceImportingNothing() {
        LockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(data.db).usingDbTime().build());
        Optional<SimpleLock> running = locks.lock(new LockConfiguration(Instant.now(), ArrivalImport.LOCK,
                Duration.ofMinutes(1), Duration.ZERO));
        assertThat(running).as("the first read's lock").isPresent();
        // nothing but the lock is given: the second read must not touch BioTime, the cursor or the importer
        ArrivalImport second = new ArrivalImport(null, null, null, null, null, null, null, locks);
        try {
            ArrivalImport.Outcome outcome = second.importArrivals(Instant.now().minusSeconds(600), Instant.now(),
                    "test", imported -> {
                    });
            assertThat(outcome.counts()).isEqualTo(ImportCounts.NONE);
            assertThat(outcome.what()).contains("another arrival read is running");
        } finally {
            running.get().unlock();
        }
        assertThat(locks.lock(new LockConfiguration(Instant.now(), ArrivalImport.LOCK, Duration.ofMinutes(1),
                Duration.ZERO))).as("free again once the first read ends").isPresent().get()
                .satisfies(SimpleLock::unlock);
    }
}
