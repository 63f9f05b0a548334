package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;

/** Many clients at once: emp_code stays unique and every punch gets its own id. */
class ConcurrencyTest extends SimIntegrationTest {

    @Autowired
    EmployeeStore employees;

    @Autowired
    TransactionStore transactions;

    @Test
    void racingCreatesOfOneEmpCodeLeaveExactlyOneEmployee() throws Exception {
        String auth = jwt();
        List<Integer> statuses = runConcurrently(
                24,
                () -> client.post()
                        .uri("/personnel/api/employees/")
                        .header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("emp_code", "SAME", "department", 1, "area", List.of(1)))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(23);
        assertThat(employees.all()).hasSize(1);
    }

    @Test
    void concurrentPunchesAllGetDistinctIds() throws Exception {
        String auth = jwt();
        AtomicInteger second = new AtomicInteger();
        runConcurrently(
                50,
                () -> client.post()
                        .uri("/iclock/api/transactions/")
                        .header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "emp_code",
                                "1",
                                "punch_time",
                                String.format("2024-01-01 09:00:%02d", second.getAndIncrement())))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
        assertThat(transactions.all())
                .extracting(Transaction::id)
                .doesNotHaveDuplicates()
                .hasSize(50);
    }

    @Test
    void racingPunchesOfOnePersonInOneSecondLeaveExactlyOne() throws Exception {
        String auth = jwt();
        AtomicInteger state = new AtomicInteger();
        List<Integer> statuses = runConcurrently(
                24,
                () -> client.post()
                        .uri("/iclock/api/transactions/")
                        .header("Authorization", auth)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "emp_code",
                                "1",
                                "punch_time",
                                "2024-01-01 09:00:00",
                                "punch_state",
                                state.getAndIncrement() % 2))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(23);
        assertThat(transactions.all()).hasSize(1);
    }

    private static List<Integer> runConcurrently(int n, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
