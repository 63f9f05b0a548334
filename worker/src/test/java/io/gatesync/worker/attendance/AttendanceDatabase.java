package io.gatesync.worker.attendance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import io.gatesync.common.db.Rows;
import io.gatesync.common.time.DbTime;
import io.gatesync.testsupport.TestServices;
import io.gatesync.worker.WorkerPool;
import io.gatesync.worker.attendance.AttendanceModel.Visit;
import io.gatesync.worker.biotime.BioTimeClock;

/** A fresh migrated database (no Spring context) and importers built on it, as the worker builds them. */
final class AttendanceDatabase implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Asia/Karachi");
    static final String OWN_SN = "GATESYNC";

    final HikariDataSource dataSource;
    final JdbcTemplate db;
    final DataSourceTransactionManager transactions;
    final BioTimeClock clock = new BioTimeClock(ZONE);
    final ParkingList parking;

    AttendanceDatabase() {
        dataSource = TestServices.get().newPool(12);
        WorkerPool.driverProperties().forEach(dataSource::addDataSourceProperty); // as the worker's pool has them
        Flyway.configure().dataSource(dataSource).load().migrate();
        db = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        parking = new ParkingList(db);
    }

    /** An importer with the default policy (states 2–5 skipped, 255 alternate, bounces within 3 s). */
    AttendanceImporter importer() {
        return importer(policy("skip", "alternate", "", 3));
    }

    /** As the worker runs a page's batches: side by side (daemon threads, shared by the tests). */
    private static final ExecutorService BATCHES = Executors.newFixedThreadPool(4, work -> {
        Thread thread = new Thread(work, "test-pull-batch");
        thread.setDaemon(true);
        return thread;
    });

    AttendanceImporter importer(PunchPolicy policy) {
        return new AttendanceImporter(db, transactions, clock, OWN_SN, policy, parking, BATCHES, 4);
    }

    PunchPolicy policy(String otherStates, String unknownState, String terminals, int bounceSeconds) {
        return PunchPolicy.of(otherStates, unknownState, terminals, bounceSeconds, ZONE);
    }

    /** A new registered person; returns the CNIC. */
    String person() {
        String cnic =
                String.format("%013d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
        db.update(
                "INSERT INTO people (cnic, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                cnic,
                "Person " + cnic,
                DbTime.now(),
                DbTime.now());
        return cnic;
    }

    long personId(String cnic) {
        return db.queryForObject("SELECT id FROM people WHERE cnic = ?", Long.class, cnic);
    }

    /** The person's entry logs as visits, in the model's order. */
    List<Visit> visits(String cnic) {
        return AttendanceModel.ordered(db.query(
                "SELECT entry_time, exit_time, zkteco_transaction_id, "
                        + "zkteco_exit_transaction_id FROM entry_logs WHERE cnic = ?",
                (rs, n) -> new Visit(
                        Rows.instant(rs, "entry_time"),
                        Rows.instant(rs, "exit_time"),
                        Rows.nullableLong(rs, "zkteco_transaction_id"),
                        Rows.nullableLong(rs, "zkteco_exit_transaction_id")),
                cnic));
    }

    /**
     * What the pull made of a punch, wherever it keeps it: its {@code pulled_punches} row, else the entry log keeping
     * it as an entry (IN) or an exit (OUT); null when neither holds it.
     */
    String decision(long transactionId) {
        return db.queryForObject(
                "SELECT COALESCE((SELECT decision FROM pulled_punches WHERE transaction_id = ?), (SELECT 'IN' FROM "
                        + "entry_logs WHERE zkteco_transaction_id = ?), (SELECT 'OUT' FROM entry_logs WHERE "
                        + "zkteco_exit_transaction_id = ?))",
                String.class,
                transactionId,
                transactionId,
                transactionId);
    }

    List<Map<String, Object>> rows(String cnic) {
        return db.queryForList("SELECT * FROM entry_logs WHERE cnic = ? ORDER BY id", cnic);
    }

    Instant utc(String bioTimeText) {
        return clock.parse(bioTimeText);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
