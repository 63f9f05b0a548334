package io.gatesync.e2e;

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

import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.personnel.EmployeeService;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;

/**
 * Issue 22's reconciliation scenario: people with 25 visits (50 gate punches) a day sent through the api until
 * BioTime has them all; then the damage done in BioTime by hand (1% of each day's punches deleted, punches added
 * on a terminal while the pull is off, employees edited); then runs through {@code /zkteco/reconcile}, and the checks.
 */
final class ReconcileScenario {

    static final ZoneId SITE = ZoneId.systemDefault(); // the simulator speaks its machine's zone

    /** The stack's settings for a reconcile test: the site's zone, people synced as they come, then {@code more}. */
    static String[] siteArgs(String... more) {
        return Stack.concat(new String[] {"--zkteco.timezone=" + SITE.getId(), "--zkteco.auto-sync=true"}, more);
    }

    /**
     * {@link #siteArgs} with the pull off, so punches added to BioTime are found by reconciliation only, and a rate
     * that lets the scenario's traffic through quickly.
     */
    static String[] reconcileOnlyArgs(String... more) {
        return siteArgs(Stack.concat(
                new String[] {"--zkteco.pull-attendance=false", "--zkteco.rate-limit=500", "--zkteco.max-in-flight=16"},
                more));
    }

    static final int VISITS = 25;
    private static final DateTimeFormatter BIOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Stack stack;
    final List<String> people = new ArrayList<>();
    final List<LocalDate> days;
    /** Gate punches sent, per day. */
    int sentPerDay;

    int deletedPerDay;
    int addedPerDay;
    final List<String> edited = new ArrayList<>();

    ReconcileScenario(Stack stack, int people, List<LocalDate> days) {
        this.stack = stack;
        this.days = days;
        for (int p = 0; p < people; p++) {
            String cnic = Traffic.newCnic();
            this.people.add(cnic);
            stack.putPerson(cnic, Map.of("name", "Person " + p + " Khan"));
        }
    }

    /** Sends every day's gate events and waits until BioTime has each punch and every entry log is synced. */
    ReconcileScenario send() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (LocalDate day : days) {
            for (int p = 0; p < people.size(); p++) {
                String cnic = people.get(p);
                for (int v = 0; v < VISITS; v++) {
                    LocalDateTime in = day.atTime(0, 10).plusMinutes(50L * v).plusSeconds(3L * p);
                    events.add(event(cnic, "ENTRY", in, day, v));
                    events.add(event(cnic, "EXIT", in.plusMinutes(20), day, v));
                }
            }
        }
        stack.postEvents(events, 500);
        sentPerDay = events.size() / days.size();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> punches().size() == events.size()
                        && stack.db.queryForObject(
                                        "SELECT COUNT(*) FROM " + "entry_logs WHERE zkteco_synced = 0", Integer.class)
                                == 0);
        return this;
    }

    /**
     * In BioTime, by hand: every 100th punch of each day deleted, {@code added} punches a day added on a terminal,
     * {@code editedEmployees} employees' names and mobiles changed.
     */
    ReconcileScenario damage(int added, int editedEmployees) {
        TransactionStore transactions = stack.sim.getBean(TransactionStore.class);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalDate day : days) {
            List<Transaction> ofDay = punches().stream()
                    .filter(t -> t.punchTime().toLocalDate().equals(day))
                    .toList();
            int deleted = 0;
            for (int i = 0; i < ofDay.size(); i += 100) {
                assertThat(transactions.delete(ofDay.get(i).id())).isTrue();
                deleted++;
            }
            deletedPerDay = deleted;
            for (int i = 0; i < added; i++) {
                rows.add(Map.of(
                        "emp_code",
                        people.get(i % people.size()),
                        "punch_time",
                        BIOTIME.format(day.atTime(23, 50 + i / people.size(), i % 60)),
                        "punch_state",
                        "0",
                        "terminal_sn",
                        "GATE-EAST"));
            }
        }
        addedPerDay = added;
        stack.addPunches(rows);
        EmployeeService employees = stack.sim.getBean(EmployeeService.class);
        EmployeeStore store = stack.sim.getBean(EmployeeStore.class);
        for (String cnic : people.subList(people.size() - editedEmployees, people.size())) {
            employees.update(
                    store.byCode(cnic).orElseThrow().id(),
                    Map.of("first_name", "Edited", "mobile", "03001234567"),
                    true,
                    SimProperties.Language.EN);
            edited.add(cnic);
        }
        return this;
    }

    /** Starts a run of the scenario's days; returns its run id. */
    long start() {
        JsonNode started = stack.apiClient
                .post()
                .uri("/zkteco/reconcile")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "from",
                        days.get(0).toString(),
                        "to",
                        days.get(days.size() - 1).toString()))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return started.get("runId").asLong();
    }

    /** Waits for the run's end; returns its report, checked DONE. */
    JsonNode finished(long runId, Duration within) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
            report[0] = stack.apiClient
                    .get()
                    .uri("/zkteco/reconcile/{id}", runId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            return !"RUNNING".equals(report[0].get("status").asString());
        });
        assertThat(report[0].get("status").asString())
                .as("report %s", report[0])
                .isEqualTo("DONE");
        return report[0];
    }

    /** The report the damage calls for: each day, and the employees; nothing unresolved. */
    void assertHealedExactlyTheDamage(JsonNode report) {
        assertThat(report.get("days")).hasSize(days.size());
        for (int d = 0; d < days.size(); d++) {
            JsonNode day = report.get("days").get(d);
            assertThat(day.get("date").asString()).isEqualTo(days.get(d).toString());
            assertThat(counts(day))
                    .as("gatesync, biotime, matched, pushed, imported, parked, unresolved of %s", days.get(d))
                    .containsExactly(
                            sentPerDay,
                            sentPerDay - deletedPerDay + addedPerDay,
                            sentPerDay - deletedPerDay,
                            deletedPerDay,
                            addedPerDay,
                            0,
                            0);
        }
        assertThat(report.get("employees").get("checked").asInt()).isEqualTo(people.size());
        assertThat(report.get("employees").get("resynced").asInt()).isEqualTo(edited.size());
        assertThat(report.get("employees").get("unresolved").asInt()).isZero();
        assertThat(report.get("unresolved")).isEmpty();
    }

    /** After healing: every punch once in BioTime, each held by an entry log, the edited employees put back. */
    void assertBothSidesEqual() {
        int expected = days.size() * (sentPerDay + addedPerDay);
        List<Transaction> after = punches();
        assertThat(after).hasSize(expected);
        assertThat(after.stream().map(t -> t.empCode() + "@" + t.punchTime()).distinct())
                .hasSize(expected);
        Set<Long> inBioTime = after.stream().map(Transaction::id).collect(Collectors.toSet());
        Set<Long> inEntryLogs = new HashSet<>(stack.db.queryForList(
                "SELECT zkteco_transaction_id FROM entry_logs "
                        + "WHERE zkteco_transaction_id IS NOT NULL UNION ALL SELECT zkteco_exit_transaction_id FROM "
                        + "entry_logs WHERE zkteco_exit_transaction_id IS NOT NULL",
                Long.class));
        assertThat(inEntryLogs).isEqualTo(inBioTime);
        EmployeeStore store = stack.sim.getBean(EmployeeStore.class);
        assertThat(edited)
                .allSatisfy(c ->
                        assertThat(store.byCode(c).orElseThrow().firstName()).isEqualTo("Person"));
    }

    /** A second run's report: everything matched, nothing changed. */
    void assertAllMatched(JsonNode report) {
        int perDay = sentPerDay + addedPerDay;
        for (JsonNode day : report.get("days")) {
            assertThat(counts(day)).containsExactly(perDay, perDay, perDay, 0, 0, 0, 0);
        }
        assertThat(report.get("employees").get("resynced").asInt()).isZero();
        assertThat(report.get("employees").get("resigned").asInt()).isZero();
    }

    /** gatesync, biotime, matched, pushed, imported, parked, unresolved. */
    static List<Integer> counts(JsonNode day) {
        return List.of("gatesync", "biotime", "matched", "pushed", "imported", "parked", "unresolved").stream()
                .map(f -> day.get(f).asInt())
                .toList();
    }

    /** BioTime's punches of the scenario's people. */
    List<Transaction> punches() {
        Set<String> mine = Set.copyOf(people);
        return stack.sim.getBean(TransactionStore.class).all().stream()
                .filter(t -> mine.contains(t.empCode()))
                .toList();
    }

    private static Map<String, Object> event(String cnic, String direction, LocalDateTime at, LocalDate day, int v) {
        return Map.of(
                "eventId",
                "rc-" + cnic + "-" + day + "-" + v + "-" + direction,
                "cnic",
                cnic,
                "direction",
                direction,
                "time",
                at.atZone(SITE).toOffsetDateTime().toString(),
                "gate",
                "G1");
    }
}
