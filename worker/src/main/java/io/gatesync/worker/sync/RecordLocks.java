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
     * asking for overlapping sets cannot wait on each other in a circle. All are taken in one statement and released
     * in one: a batch of 100 entry logs was 200 round trips to the database here.
     */
    public <T> T withLocks(Collection<String> names, int waitSeconds, Function<Set<String>, T> work) {
        List<String> sorted = List.copyOf(new TreeSet<>(names));
        try (Connection connection = dataSource.getConnection()) {
            Set<String> acquired;
            try {
                acquired = acquire(connection, sorted, waitSeconds);
            } catch (SQLException e) {
                // Some may have been taken before the statement failed: a pooled connection must not keep them.
                release(connection, sorted);
                throw e;
            }
            try {
                return work.apply(Collections.unmodifiableSet(acquired));
            } finally {
                release(connection, acquired);
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.RecoverableDataAccessException("Named locks " + names + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code SELECT GET_LOCK(a, w), GET_LOCK(b, w), …}: evaluated left to right; 1 means taken. */
    private static Set<String> acquire(Connection c, List<String> names, int waitSeconds) throws SQLException {
        Set<String> acquired = new TreeSet<>();
        if (names.isEmpty()) {
            return acquired;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + String.join(", ",
                Collections.nCopies(names.size(), "GET_LOCK(?, ?)")))) {
            for (int i = 0; i < names.size(); i++) {
                s.setString(2 * i + 1, names.get(i));
                s.setInt(2 * i + 2, waitSeconds);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                for (int i = 0; i < names.size(); i++) {
                    if (rs.getInt(i + 1) == 1) {
                        acquired.add(names.get(i));
                    }
                }
            }
        }
        return acquired;
    }

    private static void release(Connection c, Collection<String> names) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + String.join(", ",
                Collections.nCopies(names.size(), "RELEASE_LOCK(?)")))) {
            int i = 0;
            for (String name : names) {
                s.setString(++i, name);
            }
            s.execute();
        }
    }
}
