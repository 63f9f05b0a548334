package io.gatesync.worker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatesync.testsupport.TestServices;

/**
 * Named locks taken and released many at a time, on a pooled connection that keeps none of them afterwards; within
 * the database; waited for while another connection holds them and free at once when that connection dies.
 */
class RecordLocksTest {

    private final String tag = "gs-test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private HikariDataSource pool;
    private Connection other;
    private String database;
    private RecordLocks locks;

    @BeforeEach
    void open() throws SQLException {
        TestServices services = TestServices.get();
        pool = services.newPool(1); // the same physical connection every time: locks it kept would stay held
        locks = new RecordLocks(pool);
        other = services.openDatabase(pool.getJdbcUrl());
        database = other.getCatalog();
    }

    @AfterEach
    void close() throws SQLException {
        other.close();
        pool.close();
    }

    @Test
    void takesTheFreeLocksSkipsTheBusyOneAndReleasesAllItTook() throws SQLException {
        assertThat(getLock(other, lock(tag + "b"))).isEqualTo(1);

        List<String> heldInside = locks.withLocks(List.of(tag + "c", tag + "a", tag + "b"), 0, acquired -> {
            try {
                assertThat(getLock(other, lock(tag + "a")))
                        .as("taken by the worker")
                        .isZero();
                return List.copyOf(acquired);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(heldInside).containsExactly(tag + "a", tag + "c");
        assertThat(usedBy(tag + "a")).as("released").isNull();
        assertThat(usedBy(tag + "c")).as("released").isNull();
        assertThat(usedBy(tag + "b"))
                .as("the other connection's lock is left alone")
                .isNotNull();
    }

    @Test
    void locksAreReleasedWhenTheWorkFails() throws SQLException {
        assertThatThrownBy(() -> locks.withLocks(List.of(tag + "x", tag + "y"), 0, acquired -> {
                    throw new IllegalStateException("work failed");
                }))
                .hasMessage("work failed");

        assertThat(usedBy(tag + "x")).isNull();
        assertThat(usedBy(tag + "y")).isNull();
    }

    @Test
    void workDoneWhileTheDatabaseDroppedTheLocksConnectionStaysDone() throws SQLException {
        String result = locks.withLock(tag + "dropped", 0, () -> {
            try (Statement s = other.createStatement()) {
                s.execute("KILL CONNECTION " + usedBy(tag + "dropped")); // a restart or a kill, mid-work
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return "done";
        });

        assertThat(result).as("not a failure to retry: the work is done").isEqualTo("done");
        assertThat(usedBy(tag + "dropped")).as("freed with its connection").isNull();
        assertThat(locks.withLock(tag + "next", 0, () -> "served"))
                .as("the pool's one connection was replaced")
                .isEqualTo("served");
    }

    @Test
    void aWaitingRunStartsAsSoonAsTheHolderDiesAndRunsOnce() throws Exception {
        assertThat(getLock(other, lock(tag + "read"))).isEqualTo(1);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(
                () -> locks.whenFree(tag + "read", Duration.ofMinutes(1), runs::incrementAndGet));

        Thread.sleep(3 * RecordLocks.POLL.toMillis());
        assertThat(waiting).as("waits while the lock is held").isNotDone();
        other.close(); // the holder dies: its connection goes, and its lock with it
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(runs).hasValue(1);
        other = TestServices.get().openDatabase(pool.getJdbcUrl());
        assertThat(usedBy(tag + "read")).as("released after the work").isNull();
    }

    @Test
    void aHolderStuckPastTheWaitIsRunBeside() throws SQLException {
        assertThat(getLock(other, lock(tag + "stuck"))).isEqualTo(1);
        assertThat(locks.whenFree(tag + "stuck", Duration.ZERO, () -> "ran")).isEqualTo("ran");
        assertThat(usedBy(tag + "stuck")).as("still the holder's").isNotNull();
    }

    @Test
    void twoDatabasesOnOneServerDoNotShareALock() {
        try (HikariDataSource elsewhere = TestServices.get().newPool(1)) {
            RecordLocks otherGateSync = new RecordLocks(elsewhere);
            String both =
                    locks.withLock(tag + "same", 0, () -> otherGateSync.withLock(tag + "same", 0, () -> "both held"));
            assertThat(both).isEqualTo("both held");
        }
    }

    /** The server-wide lock name RecordLocks takes for a name, within the test's database. */
    private String lock(String name) {
        return RecordLocks.lockName(name, database);
    }

    private static int getLock(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT GET_LOCK('" + name + "', 0)")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The connection id holding the lock, or null when no one does. */
    private Long usedBy(String name) throws SQLException {
        try (Statement s = other.createStatement();
                ResultSet rs = s.executeQuery("SELECT IS_USED_LOCK('" + lock(name) + "')")) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? null : id;
        }
    }
}
