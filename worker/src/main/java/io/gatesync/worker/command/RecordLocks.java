package io.gatesync.worker.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets one worker at a time work on a record, cluster-wide, without holding row locks that the api's gate
 * ingest would wait on: MySQL named locks ({@code GET_LOCK}) held on a connection of their own. A worker that dies
 * loses its connection and so its lock. Named locks are server-wide, so each name is taken within the database
 * ({@code name@database}): two GateSyncs on one server (a staging and a live one, or tests side by side) never wait
 * on each other.
 */
@Component
public class RecordLocks {

    private static final Logger log = LoggerFactory.getLogger(RecordLocks.class);

    /** How often {@link #whenFree} asks again for a lock another worker holds. */
    static final Duration POLL = Duration.ofMillis(500);

    private final DataSource dataSource;
    private volatile String database;

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
     * Runs the work holding the named lock, for work that should run once at a time in the cluster but may run twice
     * without harm: while another worker holds it, asks again every {@link #POLL} without keeping a connection, and
     * after {@code maxWait} runs the work anyway (a holder that long is stuck; a holder that dies frees it at once).
     */
    public <T> T whenFree(String name, Duration maxWait, Supplier<T> work) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Optional<T> done = withLocks(
                    List.of(name), 0, acquired -> acquired.isEmpty() ? Optional.empty() : Optional.of(work.get()));
            if (done.isPresent()) {
                return done.get();
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} is still held by another worker after {}; running without it", name, maxWait);
                return work.get();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.springframework.dao.RecoverableDataAccessException("Interrupted waiting for " + name, e);
            }
        }
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
            Map<String, String> scoped = scoped(connection, sorted);
            List<String> lockNames = List.copyOf(scoped.keySet());
            Set<String> acquired;
            try {
                acquired = acquire(connection, lockNames, waitSeconds);
            } catch (SQLException e) {
                // Some may have been taken before the statement failed: a pooled connection must not keep them.
                release(connection, lockNames);
                throw e;
            }
            try {
                Set<String> got = new TreeSet<>();
                acquired.forEach(lock -> got.add(scoped.get(lock)));
                return work.apply(Collections.unmodifiableSet(got));
            } finally {
                releaseOrDiscard(connection, acquired);
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.RecoverableDataAccessException(
                    "Named locks " + names + ": " + e.getMessage(), e);
        }
    }

    /** Each name's lock within this database, in the names' order; MySQL's lock names hold at most 64 characters. */
    private Map<String, String> scoped(Connection connection, List<String> names) throws SQLException {
        if (database == null) {
            database = String.valueOf(connection.getCatalog());
        }
        Map<String, String> scoped = new java.util.LinkedHashMap<>();
        for (String name : names) {
            scoped.put(lockName(name, database), name);
        }
        return scoped;
    }

    /** The server-wide name of a name's lock within a database (what {@code IS_USED_LOCK} is asked for). */
    public static String lockName(String name, String database) {
        String lock = name + "@" + database;
        return lock.length() <= 64
                ? lock
                : name.substring(0, Math.min(name.length(), 40)) + "@" + Integer.toHexString(database.hashCode())
                        + Integer.toHexString(name.hashCode());
    }

    /** {@code SELECT GET_LOCK(a, w), GET_LOCK(b, w), …}: evaluated left to right; 1 means taken. */
    private static Set<String> acquire(Connection c, List<String> names, int waitSeconds) throws SQLException {
        Set<String> acquired = new TreeSet<>();
        if (names.isEmpty()) {
            return acquired;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + String.join(", ", Collections.nCopies(names.size(), "GET_LOCK(?, ?)")))) {
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

    /**
     * Releases the locks after the work, whatever became of it. A release that fails must not turn work that is done
     * into a failure to retry: the connection is the lock's holder, so it is thrown away instead (closed for good,
     * not returned to the pool), and the database frees its locks with it. A connection the database dropped (a
     * restart, a kill) has freed them already.
     */
    private void releaseOrDiscard(Connection connection, Collection<String> names) {
        try {
            release(connection, names);
        } catch (SQLException e) {
            log.warn("Could not release named locks {} ({}); discarding their connection", names, e.getMessage());
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
                } else {
                    connection.abort(Runnable::run);
                }
            } catch (SQLException | RuntimeException discardFailed) {
                log.warn("Could not discard the connection: {}", discardFailed.getMessage());
            }
        }
    }

    private static void release(Connection c, Collection<String> names) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + String.join(", ", Collections.nCopies(names.size(), "RELEASE_LOCK(?)")))) {
            int i = 0;
            for (String name : names) {
                s.setString(++i, name);
            }
            s.execute();
        }
    }
}
