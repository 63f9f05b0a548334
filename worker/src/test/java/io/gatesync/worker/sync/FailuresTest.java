package io.gatesync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class FailuresTest {

    @Test
    void aDatabaseThatIsAwayForAMomentIsWorthRetrying() {
        assertThat(Failures.isRetryable(new CannotCreateTransactionException("Could not open JDBC Connection for "
                + "transaction", new SQLNonTransientConnectionException("Connection refused")))).isTrue();
        assertThat(Failures.isRetryable(new CannotGetJdbcConnectionException("pool exhausted"))).isTrue();
        assertThat(Failures.isRetryable(new RuntimeException("wrapped",
                new SQLNonTransientConnectionException("Communications link failure")))).isTrue();
    }

    @Test
    void badDataAndBugsAreNot() {
        assertThat(Failures.isRetryable(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(Failures.isRetryable(new IllegalStateException("a bug"))).isFalse();
    }
}
