package io.gatesync.worker.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Lets one worker at a time work on a record, cluster-wide, without holding row locks that the api's gate
 * ingest would wait on: MySQL named locks ({@code GET_LOCK}) held on a connection of their own. A worker that dies
 * loses its connection and so its lock.
 */
@Component
public class RecordLocks {

    private final DataSource dataSource;

    public RecordLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T withLock(String name, int waitSeconds, Supplier<T> work) {
        return withLocks(List.of(name), waitSeconds, acquired -> {
            if (acquired.isEmpty()) {
                throw new LockBusyException(name + " is being synced by another worker");
            }
            return work.get();
        });
    }

    /**
     * Takes as many of the named locks as it can, each waiting up to {@code waitSeconds}, on one connection, and
     * runs the work with the names it got (the others are busy elsewhere). Taken in sorted order, so two workers
     * asking for overlapping sets cannot wait on each other in a circle.
     */
    public <T> T withLocks(Collection<String> names, int waitSeconds, Function<Set<String>, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            Set<String> acquired = new TreeSet<>();
            try {
                for (String name : new TreeSet<>(names)) {
                    if (acquire(connection, name, waitSeconds)) {
                        acquired.add(name);
                    }
                }
                return work.apply(Collections.unmodifiableSet(acquired));
            } finally {
                for (String name : acquired) {
                    release(connection, name);
                }
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.RecoverableDataAccessException("Named locks " + names + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean acquire(Connection c, String name, int waitSeconds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            s.setString(1, name);
            s.setInt(2, waitSeconds);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static void release(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            s.setString(1, name);
            s.execute();
        }
    }
}
