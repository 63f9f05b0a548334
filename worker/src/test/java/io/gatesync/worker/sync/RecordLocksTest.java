package io.gatesync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.gatesync.testsupport.TestServices;

/** Named locks taken and released many at a time, on a pooled connection that keeps none of them afterwards. */
class RecordLocksTest {

    private final String tag = "gs-test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private HikariDataSource pool;
    private Connection other;
    private RecordLocks locks;

    @BeforeEach
    void open() throws SQLException {
        TestServices services = TestServices.get();
        pool = services.newPool(1); // the same physical connection every time: locks it kept would stay held
        locks = new RecordLocks(pool);
        other = services.openDatabase(pool.getJdbcUrl());
    }

    @AfterEach
    void close() throws SQLException {
        other.close();
        pool.close();
    }

    @Test
    void takesTheFreeLocksSkipsTheBusyOneAndReleasesAllItTook() throws SQLException {
        assertThat(getLock(other, tag + "b")).isEqualTo(1);

        List<String> heldInside = locks.withLocks(List.of(tag + "c", tag + "a", tag + "b"), 0, acquired -> {
            try {
                assertThat(getLock(other, tag + "a")).as("taken by the worker").isZero();
                return List.copyOf(acquired);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(heldInside).containsExactly(tag + "a", tag + "c");
        assertThat(usedBy(tag + "a")).as("released").isNull();
        assertThat(usedBy(tag + "c")).as("released").isNull();
        assertThat(usedBy(tag + "b")).as("the other connection's lock is left alone").isNotNull();
    }

    @Test
    void locksAreReleasedWhenTheWorkFails() throws SQLException {
        assertThatThrownBy(() -> locks.withLocks(List.of(tag + "x", tag + "y"), 0, acquired -> {
            throw new IllegalStateException("work failed");
        })).hasMessage("work failed");

        assertThat(usedBy(tag + "x")).isNull();
        assertThat(usedBy(tag + "y")).isNull();
    }

    private static int getLock(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT GET_LOCK('" + name + "', 0)")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The connection id holding the lock, or null when no one does. */
    private Long usedBy(String name) throws SQLException {
        try (Statement s = other.createStatement();
                ResultSet rs = s.executeQuery("SELECT IS_USED_LOCK('" + name + "')")) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? null : id;
        }
    }
}
