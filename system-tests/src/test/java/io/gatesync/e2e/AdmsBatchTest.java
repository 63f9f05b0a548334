package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatesync.worker.command.RecordLocks;

/**
 * The adms channel takes entry syncs in batches: a backlog goes up in few uploads, and every entry log still gets
 * exactly its own punches once, with BioTime's transaction ids — also when uploads and read-backs fail, and when
 * another worker holds one of the batch's logs.
 */
class AdmsBatchTest {

    private static final String ENTRY_SYNC = "entry-sync";

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.underFaults("--zkteco.punch-channel=adms");
    }

    @BeforeEach
    void healthyBioTime() {
        stack.clearFaults();
    }

    @Test
    void aBacklogGoesUpInFewUploadsAndEachLogGetsItsOwnTransactionIds() {
        Traffic traffic = backlog(60); // 120 punches
        long uploadsBefore = uploads();
        consume(true);
        assertSyncedOnceWithBioTimesIds(traffic, Duration.ofSeconds(90));
        assertThat(uploads() - uploadsBefore)
                .as("ATTLOG uploads for 120 punches")
                .isBetween(1L, 12L);
    }

    @Test
    void aRefusedUploadIsSentAgainOnce() {
        int deadBefore = new Traffic(stack).deadLetters();
        Traffic traffic = backlog(40);
        int retriesBefore = entrySyncRetries();
        stack.faults("{\"failNext\":1,\"failNextStatus\":503,\"failNextPath\":\"/iclock/cdata\"}"); // the upload
        consume(true);
        assertSyncedOnceWithBioTimesIds(traffic, Duration.ofSeconds(90));
        assertThat(entrySyncRetries())
                .as("entry syncs retried after the refused upload")
                .isGreaterThan(retriesBefore);
        assertThat(traffic.deadLetters()).as("dead letters").isEqualTo(deadBefore);
    }

    @Test
    void anUploadWhoseReadBackIsLostIsLookedUpNotSentAgain() {
        int deadBefore = new Traffic(stack).deadLetters();
        Traffic traffic = backlog(40);
        int retriesBefore = entrySyncRetries();
        long uploadsBefore = uploads();
        // list requests answer after the workers' 2 s read timeout: the upload lands, its read-back times out
        stack.faults("{\"slowPagesMs\":3000}");
        consume(true);
        await().atMost(Duration.ofSeconds(60)).until(() -> entrySyncRetries() > retriesBefore);
        healthyBioTime();
        assertSyncedOnceWithBioTimesIds(traffic, Duration.ofSeconds(120));
        assertThat(uploads() - uploadsBefore)
                .as("uploads: the retries found the punches")
                .isBetween(1L, 4L);
        assertThat(traffic.deadLetters()).as("dead letters").isEqualTo(deadBefore);
    }

    @Test
    void aLogAnotherWorkerHoldsIsSyncedOnceItIsFreeAndDoesNotHoldUpTheRest() throws Exception {
        Traffic traffic = backlog(10);
        long held = stack.db.queryForObject(
                "SELECT MIN(id) FROM entry_logs WHERE cnic = ?", Long.class, traffic.cnics.get(0));
        try (Connection other = stack.api.getBean(DataSource.class).getConnection()) {
            assertThat(namedLock(other, "SELECT GET_LOCK(?, 0)", held)).isEqualTo(1);
            consume(true);
            String others = Traffic.sqlList(traffic.cnics.subList(1, traffic.cnics.size()));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> stack.db.queryForObject(
                                    "SELECT COUNT(*) FROM entry_logs WHERE zkteco_synced = 0 AND cnic IN (" + others
                                            + ")",
                                    Integer.class)
                            == 0);
            assertThat(stack.db.queryForObject(
                            "SELECT zkteco_synced FROM entry_logs WHERE id = ?", Boolean.class, held))
                    .as("the held log waits for its lock")
                    .isFalse();
            namedLock(other, "SELECT RELEASE_LOCK(?)", held);
        }
        assertSyncedOnceWithBioTimesIds(traffic, Duration.ofSeconds(90));
    }

    @Test
    void twoEntriesOfOnePersonInOneSecondArriveOneSecondApartWithTheirBatch() {
        Traffic traffic = backlog(10);
        String twice = traffic.person();
        Instant at = Instant.parse("2026-11-20T06:00:00Z");
        traffic.event(twice, "ENTRY", at); // one person checking in twice in one second: BioTime keeps one a second
        traffic.event(twice, "ENTRY", at);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        stack.db.queryForObject("SELECT COUNT(*) FROM entry_logs WHERE cnic = ?", Integer.class, twice)
                                == 2);
        consume(true);
        traffic.awaitSynced(Duration.ofSeconds(90));
        List<Map<String, Object>> punches = stack.simRows("/sim/transactions").stream()
                .filter(p -> twice.equals(p.get("emp_code")))
                .sorted(Comparator.comparing(p -> (String) p.get("punch_time")))
                .toList();
        assertThat(punches)
                .extracting(p -> p.get("punch_time"))
                .as("the second entry log's check-in a second later")
                .containsExactly("2026-11-20 11:00:00", "2026-11-20 11:00:01");
        assertThat(stack.db.queryForList(
                        "SELECT zkteco_transaction_id FROM entry_logs WHERE cnic = ? ORDER BY id", Long.class, twice))
                .containsExactlyElementsOf(punches.stream()
                        .map(p -> ((Number) p.get("id")).longValue())
                        .toList());
        assertThat(stack.db.queryForList(
                        "SELECT entry_punch_shift FROM entry_logs WHERE cnic = ? ORDER BY id", Integer.class, twice))
                .containsExactly(0, 1);
    }

    /** People with an entry and an exit each, queued while no worker takes entry syncs. */
    private static Traffic backlog(int people) {
        consume(false);
        Traffic traffic = new Traffic(stack).peopleWithEntryAndExit(people);
        String in = Traffic.sqlList(traffic.cnics);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM entry_logs WHERE exit_time IS NOT NULL AND cnic IN (" + in + ")",
                                Integer.class)
                        == people);
        return traffic;
    }

    private static void consume(boolean on) {
        stack.workers.forEach(worker -> Stack.listeners(worker, on, ENTRY_SYNC));
    }

    /** The traffic synced within {@code atMost}: each punch once in BioTime, each log with its punches' ids. */
    private static void assertSyncedOnceWithBioTimesIds(Traffic traffic, Duration atMost) {
        traffic.awaitSynced(atMost);
        traffic.assertExactlyOnceInBioTime();
        assertIdsMatchBioTime(traffic);
    }

    /** Each entry log holds the ids BioTime gave its own check-in and check-out. */
    private static void assertIdsMatchBioTime(Traffic traffic) {
        Map<String, Long> bioTime = traffic.transactionsInBioTime();
        String in = Traffic.sqlList(traffic.cnics);
        List<Map<String, Object>> logs = stack.db.queryForList("SELECT cnic, zkteco_transaction_id, "
                + "zkteco_exit_transaction_id FROM entry_logs WHERE cnic IN (" + in + ")");
        assertThat(logs).hasSize(traffic.cnics.size()).allSatisfy(log -> {
            String cnic = (String) log.get("cnic");
            assertThat(((Number) log.get("zkteco_transaction_id")).longValue()).isEqualTo(bioTime.get(cnic + "/0"));
            assertThat(((Number) log.get("zkteco_exit_transaction_id")).longValue())
                    .isEqualTo(bioTime.get(cnic + "/1"));
        });
    }

    private static int entrySyncRetries() {
        return stack.db.queryForObject(
                "SELECT COUNT(*) FROM zkteco_sync_logs WHERE kind = 'ENTRY_SYNC' AND " + "outcome = 'RETRY'",
                Integer.class);
    }

    private static long uploads() {
        Map<String, Object> stats = stack.simStats();
        return ((Map<?, ?>) stats.get("requestsByEndpoint"))
                .entrySet().stream()
                        .filter(e -> e.getKey().toString().startsWith("POST /iclock/cdata"))
                        .mapToLong(e -> ((Number) e.getValue()).longValue())
                        .sum();
    }

    private static int namedLock(Connection c, String sql, long entryLogId) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, RecordLocks.lockName("gatesync-entry-log-" + entryLogId, c.getCatalog()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
