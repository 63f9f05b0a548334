package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.Transaction;

/** The parking list: nothing pulled is dropped, and a punch leaves it once its cause is fixed. */
class ParkingListTest {

    @AutoClose
    private static AttendanceDatabase data;

    private static final AtomicLong ids = new AtomicLong(5_000_000);

    @BeforeAll
    static void start() {
        data = new AttendanceDatabase();
    }

    private static String freshCnic() {
        return String.valueOf(4_000_000_000_000L + ids.incrementAndGet());
    }

    private static ParkedRetry retry(AttendanceImporter importer, Instant now) {
        return new ParkedRetry(data.parking, importer, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static int parked(Transaction... punches) {
        int n = 0;
        for (Transaction t : punches) {
            n += data.db.queryForObject(
                    "SELECT COUNT(*) FROM parked_punches WHERE transaction_id = ?", Integer.class, t.id());
        }
        return n;
    }

    @Test
    void aPunchOfSomeoneUnregisteredIsImportedOnceTheyAreRegistered() {
        AttendanceImporter importer = data.importer();
        String cnic = freshCnic();
        Transaction in = Transaction.of(ids.incrementAndGet(), cnic, "2026-10-01 08:00:00", "0", "T1");
        Transaction out = Transaction.of(ids.incrementAndGet(), cnic, "2026-10-01 17:00:00", "1", "T1");
        assertThat(importer.importPunches(List.of(in, out)).parked()).isEqualTo(2);

        ParkedRetry retry = retry(importer, Instant.now());
        assertThat(retry.retry(n -> {}).seen())
                .as("nothing fixed yet: nothing due")
                .isZero();

        data.db.update(
                "INSERT INTO people (cnic, name, created_at, updated_at) VALUES (?, 'Late Registered', ?, ?)",
                cnic,
                DbTime.now(),
                DbTime.now());
        ImportCounts counts = retry.retry(n -> {});
        assertThat(counts.imported()).isEqualTo(2);
        assertThat(parked(in, out)).as("left the list").isZero();
        assertThat(data.visits(cnic)).hasSize(1);
        assertThat(retry.retry(n -> {}).seen()).as("nothing left to retry").isZero();
    }

    @Test
    void aSkippedStateIsRetriedWhenThePolicyChangesAndStaysParkedUntilItImports() {
        String cnic = data.person();
        Transaction breakOut = Transaction.of(ids.incrementAndGet(), cnic, "2026-10-02 12:00:00", "2", "T1");
        AttendanceImporter skipping = data.importer();
        skipping.importPunches(List.of(breakOut));
        assertThat(retry(skipping, Instant.now()).retry(n -> {}).seen())
                .as("same policy")
                .isZero();

        AttendanceImporter counting = data.importer(data.policy("as-entry-exit", "alternate", "", 3));
        assertThat(retry(counting, Instant.now()).retry(n -> {}).imported()).isEqualTo(1);
        assertThat(parked(breakOut)).isZero();
        assertThat(data.visits(cnic)).hasSize(1);
    }

    @Test
    void everyParkedPunchIsTriedAgainAtLeastDailyAndWhenAnOperatorAsks() {
        AttendanceImporter importer = data.importer();
        Transaction notACnic = Transaction.of(ids.incrementAndGet(), "EMP-7", "2026-10-03 08:00:00", "0", "T1");
        importer.importPunches(List.of(notACnic));
        assertThat(retry(importer, Instant.now()).retry(n -> {}).seen()).isZero();

        ImportCounts daily =
                retry(importer, Instant.now().plus(Duration.ofHours(25))).retry(n -> {});
        assertThat(daily.seen()).isGreaterThanOrEqualTo(1);
        assertThat(data.db.queryForMap(
                        "SELECT reason, tries FROM parked_punches WHERE transaction_id = ?", notACnic.id()))
                .as("parked again, one more try")
                .containsEntry("reason", "NOT_A_CNIC")
                .containsEntry("tries", 2);

        data.db.update("UPDATE parked_punches SET retry_requested = 1 WHERE transaction_id = ?", notACnic.id());
        assertThat(retry(importer, Instant.now()).retry(n -> {}).seen()).isEqualTo(1);
        assertThat(data.db.queryForObject(
                        "SELECT retry_requested FROM parked_punches WHERE transaction_id = ?",
                        Integer.class,
                        notACnic.id()))
                .as("the request is answered")
                .isZero();
    }
}
