package io.gatesync.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.testsupport.TestServices;

/** A real InnoDB deadlock between two transactions: with the retrying template both end up committed. */
class RetryingTransactionTemplateTest {

    private static JdbcClient jdbc;
    private static DataSourceTransactionManager manager;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = TestServices.get().newDataSource();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE counters (id INT PRIMARY KEY, n INT NOT NULL) ENGINE = InnoDB")
                .update();
        manager = new DataSourceTransactionManager(dataSource);
    }

    /** Two transactions lock rows a and b in opposite orders, meeting at a barrier so they surely cross. */
    private static int deadlock(TransactionTemplate tx) throws Exception {
        jdbc.sql("DELETE FROM counters").update();
        jdbc.sql("INSERT INTO counters VALUES (1, 0), (2, 0)").update();
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<?> one = CompletableFuture.runAsync(() -> cross(tx, 1, 2, bothHoldOne, runs));
        CompletableFuture<?> two = CompletableFuture.runAsync(() -> cross(tx, 2, 1, bothHoldOne, runs));
        CompletableFuture.allOf(one, two).get(60, TimeUnit.SECONDS);
        return runs.get();
    }

    private static void cross(
            TransactionTemplate tx, int first, int second, CyclicBarrier barrier, AtomicInteger runs) {
        tx.executeWithoutResult(status -> {
            boolean firstRun = runs.incrementAndGet() <= 2;
            jdbc.sql("UPDATE counters SET n = n + 1 WHERE id = ?").param(first).update();
            if (firstRun) {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            jdbc.sql("UPDATE counters SET n = n + 1 WHERE id = ?").param(second).update();
        });
    }

    @Test
    void aDeadlockVictimRunsAgainAndBothTransactionsCount() throws Exception {
        int runs = deadlock(new RetryingTransactionTemplate(manager));
        assertThat(runs).as("the victim ran a second time").isEqualTo(3);
        assertThat(jdbc.sql("SELECT SUM(n) FROM counters").query(Integer.class).single())
                .as("both transactions' updates, once each")
                .isEqualTo(4);
    }

    @Test
    void withoutRetryingTheVictimFails() {
        assertThatThrownBy(() -> deadlock(new TransactionTemplate(manager)))
                .hasRootCauseInstanceOf(java.sql.SQLException.class)
                .hasCauseInstanceOf(CannotAcquireLockException.class);
    }
}
