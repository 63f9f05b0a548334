package io.gatesync.worker.sync;

import io.gatesync.worker.biotime.BioTimeException;

/**
 * Whether a failed command can succeed later. BioTime failures carry their own classification
 * ({@link BioTimeException#retryable()}); database and broker hiccups (a lost connection, no connection to be
 * had, a deadlock) are retried; anything else
 * (bad data, a bug) is permanent and goes to the dead-letter queue with its reason.
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isRetryable(Throwable e) {
        BioTimeException bioTime = find(e, BioTimeException.class);
        if (bioTime != null) {
            return bioTime.retryable();
        }
        // The database or the broker went away for a moment (restart, failover, dropped connection).
        return find(e, org.springframework.dao.TransientDataAccessException.class) != null
                || find(e, org.springframework.dao.RecoverableDataAccessException.class) != null
                || find(e, org.springframework.dao.DataAccessResourceFailureException.class) != null
                || find(e, org.springframework.transaction.CannotCreateTransactionException.class) != null
                || find(e, java.sql.SQLTransientException.class) != null
                || find(e, java.sql.SQLRecoverableException.class) != null
                || find(e, java.sql.SQLNonTransientConnectionException.class) != null
                || find(e, org.springframework.amqp.AmqpConnectException.class) != null
                || find(e, LockBusyException.class) != null;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
