package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.MediaType;

import io.gatesync.common.config.RuntimeSettings;

/**
 * Three workers run the periodic jobs with short intervals (one "minute" lasts a second here): each job runs
 * once per interval across the cluster, a dead node's lock holds a job up no longer than lock-at-most-for, and
 * an interval changed in zkteco_config applies on every node without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduleTest {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(
                3,
                "--gatesync.schedule.minute=1s",
                "--zkteco.sync-interval=2",
                "--gatesync.schedule.tick=100ms",
                "--gatesync.schedule.initial-delay=0s",
                "--gatesync.schedule.lock-at-most-for=3s",
                "--gatesync.settings.refresh=300ms",
                "--zkteco.pull-attendance=false");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Start times of the entry-sync job's runs since {@code since}, by the database's clock. */
    private static List<Instant> runsSince(Instant since) {
        return stack
                .db
                .queryForList(
                        "SELECT created_at - INTERVAL duration_ms * 1000 MICROSECOND AS started, node "
                                + "FROM zkteco_sync_logs WHERE kind = 'JOB' AND target = 'entry-sync' AND created_at > ? ORDER BY id",
                        utc(since))
                .stream()
                .map(r -> ((java.time.LocalDateTime) r.get("started")).toInstant(java.time.ZoneOffset.UTC))
                .toList();
    }

    /** As the apps bind times: UTC text, which keeps milliseconds on MariaDB too. */
    private static String utc(Instant instant) {
        return io.gatesync.common.time.DbTime.toDb(instant);
    }

    private static Instant dbNow() {
        return stack.db
                .queryForObject("SELECT UTC_TIMESTAMP(3)", java.time.LocalDateTime.class)
                .toInstant(java.time.ZoneOffset.UTC);
    }

    private static void assertSpacedAtLeast(List<Instant> runs, Duration interval) {
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i)))
                    .as("gap between runs %d and %d of %s", i - 1, i, runs)
                    .isGreaterThanOrEqualTo(interval.minusMillis(50));
        }
    }

    @Test
    @Order(1)
    void eachJobRunsOncePerIntervalAcrossThreeNodes() throws Exception {
        Instant since = dbNow();
        Thread.sleep(9_000); // the window the runs are counted in, not a wait for a condition
        List<Instant> runs = runsSince(since);
        assertThat(runs).as("entry-sync runs in 9 s at one per 2 s").hasSizeBetween(4, 5);
        assertSpacedAtLeast(runs, INTERVAL);
        List<String> nodes =
                stack.db.queryForList("SELECT DISTINCT node FROM zkteco_sync_logs WHERE kind = 'JOB'", String.class);
        assertThat(nodes).as("jobs run on whichever node holds the lock").isNotEmpty();
    }

    @Test
    @Order(2)
    void aNodeThatDiesHoldingTheLockHoldsTheJobUpNoLongerThanLockAtMostFor() {
        // A node takes the job's lock the way ShedLock does (only while nobody holds it) and dies: its lock
        // stands until lock_until, lock-at-most-for (3 s) later.
        Instant[] taken = new Instant[1];
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    Instant now = dbNow();
                    int updated = stack.db.update(
                            "UPDATE shedlock SET lock_until = ? + INTERVAL 3 SECOND, locked_at = ?, "
                                    + "locked_by = 'dead-node' WHERE name = 'entry-sync' AND lock_until <= ?",
                            utc(now),
                            utc(now),
                            utc(now));
                    taken[0] = now;
                    return updated == 1;
                });
        Instant lockedAt = taken[0];
        Instant lockUntil = lockedAt.plusSeconds(3);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> stack.db.queryForObject(
                        "SELECT last_started > ? FROM sync_jobs WHERE name = 'entry-sync'",
                        Boolean.class,
                        utc(lockedAt)));
        Instant started = stack.db
                .queryForObject(
                        "SELECT last_started FROM sync_jobs WHERE name = 'entry-sync'", java.time.LocalDateTime.class)
                .toInstant(java.time.ZoneOffset.UTC);
        assertThat(started).as("not while the dead node's lock stood").isAfterOrEqualTo(lockUntil.minusMillis(50));
        assertThat(started)
                .as("soon after it expired")
                .isBefore(lockUntil.plus(INTERVAL).plusSeconds(1));
    }

    @Test
    @Order(3)
    void changingTheIntervalInZktecoConfigChangesTheScheduleOnEveryNode() throws Exception {
        stack.apiClient
                .put()
                .uri("/zkteco/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sync-interval", "1"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.settings[1].value")
                .isEqualTo("1")
                .jsonPath("$.history[0].changedBy")
                .isEqualTo(Stack.ADMIN);
        // every node re-reads zkteco_config within 300 ms (gatesync.settings.refresh)
        await().atMost(Duration.ofSeconds(5))
                .until(() -> stack.workers.stream()
                        .allMatch(
                                w -> w.getBean(RuntimeSettings.class).current().syncInterval() == 1));
        Instant since = dbNow();
        Thread.sleep(6_000); // the window the runs are counted in, not a wait for a condition
        List<Instant> runs = runsSince(since);
        assertThat(runs).as("entry-sync runs in 6 s at one per second").hasSizeBetween(5, 7);
        assertSpacedAtLeast(runs, Duration.ofSeconds(1));
        stack.apiClient
                .get()
                .uri("/zkteco/sync-status")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.jobs[0].name")
                .isEqualTo("entry-sync")
                .jsonPath("$.jobs[0].interval")
                .isEqualTo("PT1S")
                .jsonPath("$.overrides.sync-interval")
                .isEqualTo("1");
    }

    @Test
    @Order(4)
    void aBadIntervalIsRefusedNamingTheSettingAndChangesNothing() {
        Object before = syncIntervalSetting(); // whatever an earlier test left: this one must leave it as it is
        stack.apiClient
                .put()
                .uri("/zkteco/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sync-interval", "0"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("sync-interval")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("1 to 1440"));
        stack.apiClient
                .put()
                .uri("/zkteco/settings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("base-url", "http://x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("base-url");
        assertThat(syncIntervalSetting()).isEqualTo(before);
    }

    /** The sync interval as the settings page shows it. */
    private static Object syncIntervalSetting() {
        Object[] value = new Object[1];
        stack.apiClient
                .get()
                .uri("/zkteco/settings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.settings[1].value")
                .value(v -> value[0] = v);
        return value[0];
    }
}
