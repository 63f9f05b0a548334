package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;

/** Many clients at once: emp_code stays unique and every punch gets its own id. */
class ConcurrencyTest extends SimIntegrationTest {

    private static final String PUNCHES = "/iclock/api/transactions/";

    @Autowired
    EmployeeStore employees;

    @Autowired
    TransactionStore transactions;

    @Test
    void racingCreatesOfOneEmpCodeLeaveExactlyOneEmployee() throws Exception {
        String auth = jwt();
        List<Integer> statuses = postConcurrently(
                24,
                auth,
                "/personnel/api/employees/",
                () -> Map.of("emp_code", "SAME", "department", 1, "area", List.of(1)));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(23);
        assertThat(employees.all()).hasSize(1);
    }

    @Test
    void concurrentPunchesAllGetDistinctIds() throws Exception {
        String auth = jwt();
        AtomicInteger second = new AtomicInteger();
        postConcurrently(
                50, auth, PUNCHES, () -> punch(String.format("2024-01-01 09:00:%02d", second.getAndIncrement()), null));
        assertThat(transactions.all())
                .extracting(Transaction::id)
                .doesNotHaveDuplicates()
                .hasSize(50);
    }

    @Test
    void racingPunchesOfOnePersonInOneSecondLeaveExactlyOne() throws Exception {
        String auth = jwt();
        AtomicInteger state = new AtomicInteger();
        List<Integer> statuses =
                postConcurrently(24, auth, PUNCHES, () -> punch("2024-01-01 09:00:00", state.getAndIncrement() % 2));
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(23);
        assertThat(transactions.all()).hasSize(1);
    }

    /** A punch of employee 1; a null {@code punchState} leaves the field out. */
    private static Map<String, Object> punch(String punchTime, Integer punchState) {
        Map<String, Object> body = new HashMap<>(Map.of("emp_code", "1", "punch_time", punchTime));
        if (punchState != null) {
            body.put("punch_state", punchState);
        }
        return body;
    }

    /** POSTs {@code n} bodies from {@code body} to {@code uri} at once, twelve in flight, and returns the statuses. */
    private List<Integer> postConcurrently(int n, String auth, String uri, Supplier<Map<String, Object>> body)
            throws Exception {
        return runConcurrently(
                n,
                () -> post(auth, uri, body.get())
                        .returnResult(String.class)
                        .getStatus()
                        .value());
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
