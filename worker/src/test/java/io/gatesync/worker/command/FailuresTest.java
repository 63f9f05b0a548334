package io.gatesync.worker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class FailuresTest {

    @Test
    void aDatabaseThatIsAwayForAMomentIsWorthRetrying() {
        assertThat(Failures.isRetryable(new CannotCreateTransactionException(
                        "Could not open JDBC Connection for " + "transaction",
                        new SQLNonTransientConnectionException("Connection refused"))))
                .isTrue();
        assertThat(Failures.isRetryable(new CannotGetJdbcConnectionException("pool exhausted")))
                .isTrue();
        assertThat(Failures.isRetryable(new RuntimeException(
                        "wrapped", new SQLNonTransientConnectionException("Communications link failure"))))
                .isTrue();
    }

    @Test
    void aRollbackOnAConnectionTheDatabaseDroppedIsWorthRetrying() {
        // what RestartsIT met: Hikari's plain SQLException for a dropped connection, wrapped by the rollback
        assertThat(Failures.isRetryable(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed", "08003"))))
                .isTrue();
        assertThat(Failures.isRetryable(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Table 'people' doesn't exist", "42S02"))))
                .isFalse();
    }

    @Test
    void aRollbackThatFailedAfterTheWorkFailedIsJudgedByTheWork() {
        // RestartsIT: a rate-budget query lost its connection, then its rollback failed too, and the rollback's
        // exception replaced the query's; the person sync was dead-lettered as PERMANENT ("JDBC rollback failed")
        TransactionSystemException lostQuery = new TransactionSystemException(
                "JDBC rollback failed", new SQLException("rollback on a broken connection"));
        lostQuery.initApplicationException(new RecoverableDataAccessException("Communications link failure"));
        assertThat(Failures.isRetryable(lostQuery)).isTrue();
        TransactionSystemException bug = new TransactionSystemException(
                "JDBC rollback failed", new SQLException("rollback on a broken connection"));
        bug.initApplicationException(new IllegalStateException("a bug"));
        assertThat(Failures.isRetryable(bug)).isFalse();
    }

    @Test
    void badDataAndBugsAreNot() {
        assertThat(Failures.isRetryable(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(Failures.isRetryable(new IllegalStateException("a bug"))).isFalse();
    }
}
