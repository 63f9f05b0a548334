package io.gatesync.worker.command;

import java.util.List;

import io.gatesync.common.text.Texts;
import io.gatesync.worker.biotime.BioTimeException;

/**
 * Whether a failed command can succeed later. BioTime failures carry their own classification
 * ({@link BioTimeException#retryable()}); database and broker hiccups (a lost connection, no connection to be
 * had, a deadlock) are retried; anything else (bad data, a bug) is permanent and goes to the dead-letter queue
 * with its reason.
 */
public final class Failures {

    /** The database or the broker went away for a moment (restart, failover, dropped connection), a lock, a wait. */
    private static final List<Class<? extends Throwable>> PASSING = List.of(
            org.springframework.dao.TransientDataAccessException.class,
            org.springframework.dao.RecoverableDataAccessException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class,
            java.sql.SQLTransientException.class,
            java.sql.SQLRecoverableException.class,
            java.sql.SQLNonTransientConnectionException.class,
            org.springframework.amqp.AmqpConnectException.class,
            LockBusyException.class,
            NotYetException.class);

    private Failures() {}

    public static boolean isRetryable(Throwable e) {
        // A rollback that failed after the work failed (the connection had gone) hides the work's own failure,
        // which says what happened: "Application exception overridden by rollback exception".
        org.springframework.transaction.TransactionSystemException rollback =
                Texts.causeOf(e, org.springframework.transaction.TransactionSystemException.class);
        if (rollback != null
                && rollback.getApplicationException() != null
                && isRetryable(rollback.getApplicationException())) {
            return true;
        }
        BioTimeException bioTime = Texts.causeOf(e, BioTimeException.class);
        if (bioTime != null) {
            return bioTime.retryable();
        }
        return PASSING.stream().anyMatch(type -> Texts.causeOf(e, type) != null) || lostDatabaseConnection(e);
    }

    /**
     * A connection exception (SQLSTATE class 08) however it came wrapped: the pool reports a connection the
     * database dropped as a plain SQLException "Connection is closed" (08003), and a rollback on it as
     * "JDBC rollback failed".
     */
    private static boolean lostDatabaseConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
