package io.gatesync.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.personnel.EmployeeService;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22's reconciliation, end to end on real RabbitMQ and MariaDB against the simulator: a day of 5,000 gate
 * punches in BioTime; then, in BioTime, 1% of them deleted by hand, 20 terminal punches added while the pull is
 * off, 5 employees edited by hand. One run for that day leaves both sides equal, nothing doubled, its report
 * counting exactly that damage and nothing unresolved; a second run finds everything matched and changes nothing.
 * {@code -Dgatesync.reconcile.people=N} for another size (N people, 25 visits each: 50 punches).
 */
class ReconcileTest {

    private static final ZoneId SITE = ZoneId.systemDefault(); // the simulator speaks its machine's zone
    private static final DateTimeFormatter BIOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PEOPLE = Integer.getInteger("gatesync.reconcile.people", 100);
    private static final int VISITS = 25;

    private static Stack stack;

    @BeforeAll
    static void start() {
        // the pull is off: punches added to BioTime are found by reconciliation only
        stack = new Stack(1, "--zkteco.timezone=" + SITE.getId(), "--zkteco.auto-sync=true",
                "--zkteco.pull-attendance=false", "--zkteco.rate-limit=500", "--zkteco.max-in-flight=16");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void oneRunHealsExactlyTheDamageAndASecondFindsEverythingMatched() {
        LocalDate day = LocalDate.now(SITE).minusDays(1);
        List<String> people = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            String cnic = Traffic.newCnic();
            people.add(cnic);
            stack.apiClient.put().uri("/api/people/{cnic}", cnic).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Person " + p + " Khan")).exchange().expectStatus().isCreated()
                    .expectBody(Void.class);
            for (int v = 0; v < VISITS; v++) {
                LocalDateTime in = day.atTime(0, 10).plusMinutes(50L * v).plusSeconds(3L * p);
                events.add(event(cnic, "ENTRY", in, p, v));
                events.add(event(cnic, "EXIT", in.plusMinutes(20), p, v));
            }
        }
        for (int i = 0; i < events.size(); i += 500) {
            stack.apiClient.post().uri("/api/events/batch").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(events.subList(i, Math.min(events.size(), i + 500))).exchange().expectStatus()
                    .isOk().expectBody().jsonPath("$.accepted").isEqualTo(Math.min(500, events.size() - i));
        }
        int sent = events.size();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> punches(people).size() == sent && count("SELECT COUNT(*) FROM entry_logs WHERE "
                        + "zkteco_synced = 0") == 0);

        // the damage, done in BioTime by hand
        TransactionStore transactions = stack.sim.getBean(TransactionStore.class);
        List<Transaction> all = punches(people);
        int deleted = 0;
        for (int i = 0; i < all.size(); i += 100) {
            assertThat(transactions.delete(all.get(i).id())).isTrue();
            deleted++;
        }
        List<Map<String, Object>> added = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            added.add(Map.of("emp_code", people.get(i), "punch_time", BIOTIME.format(day.atTime(23, 50, i)),
                    "punch_state", "0", "terminal_sn", "GATE-EAST"));
        }
        stack.simClient.post().uri("/sim/transactions").contentType(MediaType.APPLICATION_JSON).bodyValue(added)
                .exchange().expectStatus().isCreated().expectBody(Void.class);
        EmployeeService employees = stack.sim.getBean(EmployeeService.class);
        EmployeeStore store = stack.sim.getBean(EmployeeStore.class);
        List<String> edited = people.subList(30, 35);
        for (String cnic : edited) {
            employees.update(store.byCode(cnic).orElseThrow().id(), Map.of("first_name", "Edited", "mobile",
                    "03001234567"), true, SimProperties.Language.EN);
        }

        JsonNode first = reconcile(day);
        JsonNode firstDay = first.get("days").get(0);
        assertThat(firstDay.get("date").asString()).isEqualTo(day.toString());
        assertThat(counts(firstDay)).containsExactly(sent, sent - deleted + 20, sent - deleted, deleted, 20, 0, 0);
        assertThat(first.get("employees").get("checked").asInt()).isEqualTo(PEOPLE);
        assertThat(first.get("employees").get("resynced").asInt()).isEqualTo(edited.size());
        assertThat(first.get("employees").get("unresolved").asInt()).isZero();
        assertThat(first.get("unresolved")).isEmpty();

        // both sides equal: every punch of the day once in BioTime, and each held by an entry log
        List<Transaction> after = punches(people);
        assertThat(after).hasSize(sent + 20);
        assertThat(after.stream().map(t -> t.empCode() + "@" + t.punchTime()).distinct()).hasSize(sent + 20);
        Set<Long> inBioTime = after.stream().map(Transaction::id).collect(Collectors.toSet());
        Set<Long> inEntryLogs = new HashSet<>(stack.db.queryForList("SELECT zkteco_transaction_id FROM entry_logs "
                + "WHERE zkteco_transaction_id IS NOT NULL UNION ALL SELECT zkteco_exit_transaction_id FROM "
                + "entry_logs WHERE zkteco_exit_transaction_id IS NOT NULL", Long.class));
        assertThat(inEntryLogs).isEqualTo(inBioTime);
        assertThat(edited).allSatisfy(c -> assertThat(store.byCode(c).orElseThrow().firstName()).isEqualTo("Person"));

        JsonNode second = reconcile(day);
        assertThat(counts(second.get("days").get(0))).containsExactly(sent + 20, sent + 20, sent + 20, 0, 0, 0, 0);
        assertThat(second.get("employees").get("resynced").asInt()).isZero();
        assertThat(punches(people)).hasSize(sent + 20);
        assertThat(Stack.scrape(Stack.workerClient(stack.workers.get(0))))
                .containsPattern("(?m)^gatesync_reconcile_unresolved(\\{[^}]*\\})? 0\\.0$");
    }

    @Test
    void badRequestsNameTheFieldAndTheFix() {
        stack.apiClient.post().uri("/zkteco/reconcile").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "yesterday")).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("from");
        stack.apiClient.post().uri("/zkteco/reconcile").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "2026-01-01", "to", "2026-03-01")).exchange().expectStatus()
                .isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
        stack.apiClient.get().uri("/zkteco/reconcile/abc").exchange().expectStatus().isBadRequest();
        stack.apiClient.get().uri("/zkteco/reconcile/987654").exchange().expectStatus().isNotFound();
    }

    private static Map<String, Object> event(String cnic, String direction, LocalDateTime at, int p, int v) {
        return Map.of("eventId", "rc-" + cnic + "-" + v + "-" + direction, "cnic", cnic, "direction", direction,
                "time", at.atZone(SITE).toOffsetDateTime().toString(), "gate", "G1");
    }

    /** Starts a run of the day and waits for its report. */
    private static JsonNode reconcile(LocalDate day) {
        JsonNode started = stack.apiClient.post().uri("/zkteco/reconcile").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", day.toString(), "to", day.toString())).exchange().expectStatus()
                .isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
        long runId = started.get("runId").asLong();
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            report[0] = stack.apiClient.get().uri("/zkteco/reconcile/{id}", runId).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            return !"RUNNING".equals(report[0].get("status").asString());
        });
        assertThat(report[0].get("status").asString()).as("report %s", report[0]).isEqualTo("DONE");
        return report[0];
    }

    /** gatesync, biotime, matched, pushed, imported, parked, unresolved. */
    private static List<Integer> counts(JsonNode day) {
        return List.of("gatesync", "biotime", "matched", "pushed", "imported", "parked", "unresolved").stream()
                .map(f -> day.get(f).asInt()).toList();
    }

    private static List<Transaction> punches(List<String> people) {
        Set<String> mine = Set.copyOf(people);
        return stack.sim.getBean(TransactionStore.class).all().stream().filter(t -> mine.contains(t.empCode()))
                .toList();
    }

    private static int count(String sql) {
        return stack.db.queryForObject(sql, Integer.class);
    }
}
