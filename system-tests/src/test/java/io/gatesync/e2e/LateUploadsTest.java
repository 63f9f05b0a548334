package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * The periodic attendance pull finds punches by arrival: a terminal that was offline uploads hours or weeks late,
 * BioTime filters only on punch time, and a window on punch time would never look back that far. Punches are put
 * into the simulator in waves while the periodic pull runs every two seconds; every one of them, late or not, must
 * become part of an entry log exactly once. Also when BioTime ignores the sort (the pull then reads its id order
 * from the end), and a BioTime restored from a backup (ids given again) stops the import instead of taking new
 * punches for ones it has seen.
 */
class LateUploadsTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS =
            new ParameterizedTypeReference<>() {};
    private static final DateTimeFormatter BIOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PEOPLE = 40;

    @Test
    void latePunchesArriveThroughThePeriodicPullExactlyOnce() {
        try (Stack stack = stack()) {
            everyArrivalIsImportedOnce(stack, new Random(17));
            assertServerOrder(stack, "NEWEST_FIRST");
        }
    }

    @Test
    void aServerThatIgnoresTheSortIsReadFromTheEndOfItsIdOrder() {
        try (Stack stack = stack()) {
            rules(stack, Map.of("ordering", "ignored"));
            everyArrivalIsImportedOnce(stack, new Random(18));
            assertServerOrder(stack, "ID_ORDER");
        }
    }

    @Test
    void aRestoredBioTimeStopsTheImportInsteadOfTakingNewPunchesForOldOnes() {
        try (Stack stack = stack()) {
            List<String> cnics = people(stack, 5);
            awaitCursor(stack);
            // punches the backup keeps (both sides agree on them), then punches the restore loses
            List<Map<String, Object>> kept = inject(stack, punches(cnics, new Random(18), 30, 36));
            awaitImported(stack, ids(kept));
            List<Map<String, Object>> first = inject(stack, punches(cnics, new Random(19), 0, 10));
            awaitImported(stack, ids(first));
            long keep = ids(first).stream().mapToLong(Long::longValue).min().orElseThrow() - 1;
            stack.simClient
                    .post()
                    .uri("/sim/transactions/restore")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("keepUpTo", keep))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Void.class);
            List<Map<String, Object>> reused = inject(stack, punches(cnics, new Random(20), 10, 20));
            assertThat(ids(reused))
                    .as("the restored BioTime gives the same ids again")
                    .containsAll(ids(first));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> stack.db.queryForObject(
                            "SELECT restore_suspected IS NOT NULL FROM pull_cursor", Boolean.class));
            assertThat(stack.db.queryForObject("SELECT restore_suspected FROM pull_cursor", String.class))
                    .contains("restored from a backup");
            // the new punches reuse ids the entry logs hold: none of them was imported
            assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM entry_logs", Integer.class))
                    .isEqualTo(entryLogsOf(kept) + entryLogsOf(first));

            // the guided re-read: a terminal uploads half of the lost punches again (new ids), then an operator
            // re-reads from before the oldest punch
            List<Map<String, Object>> again = first.subList(0, first.size() / 2).stream()
                    .map(p -> Map.of(
                            "emp_code",
                            p.get("emp_code"),
                            "punch_time",
                            p.get("punch_time"),
                            "punch_state",
                            p.get("punch_state"),
                            "terminal_sn",
                            p.get("terminal_sn")))
                    .toList();
            List<Map<String, Object>> reuploaded = inject(stack, again);
            String from = java.util.stream.Stream.concat(first.stream(), reused.stream())
                    .map(p -> ((String) p.get("punch_time")).substring(0, 10))
                    .min(String::compareTo)
                    .orElseThrow();
            Map<?, ?> started = stack.startRun("/zkteco/pull-attendance/reread", Map.of("from", from));
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> "DONE"
                            .equals(stack.db.queryForObject(
                                    "SELECT status FROM pull_runs WHERE id = ?", String.class, started.get("runId"))));
            assertThat(stack.db.queryForObject("SELECT restore_suspected FROM pull_cursor", String.class))
                    .isNull();

            List<Long> held = stack.db.queryForList(
                    "SELECT zkteco_transaction_id FROM entry_logs WHERE "
                            + "zkteco_transaction_id IS NOT NULL UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs "
                            + "WHERE zkteco_exit_transaction_id IS NOT NULL",
                    Long.class);
            Set<Long> expected = new HashSet<>(ids(reused));
            expected.addAll(ids(kept)); // the last id both sides agree on is found: these keep theirs
            expected.addAll(ids(reuploaded)); // found again: the entry logs took their new ids
            first.subList(first.size() / 2, first.size())
                    .forEach(p -> expected.add(-((Number) p.get("id"))
                            .longValue())); // lost from BioTime: kept, under their old id negated
            assertThat(held)
                    .as("every punch once, none doubled")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM entry_logs", Integer.class))
                    .isEqualTo(entryLogsOf(kept) + entryLogsOf(first) + entryLogsOf(reused));
            assertThat(stack.apiClient
                            .post()
                            .uri("/zkteco/pull-attendance/reread")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("from", from))
                            .exchange()
                            .expectStatus()
                            .isEqualTo(409)
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .as("no second re-read while nothing is wrong")
                    .contains("POST /zkteco/pull-attendance");

            // and the periodic pull goes on from BioTime's new ids
            List<Map<String, Object>> later = inject(stack, punches(cnics, new Random(21), 20, 24));
            awaitImported(stack, ids(later));
        }
    }

    /**
     * A gate's terminal that stops speaking to BioTime is silent past its limit: listed as such, counted in the
     * metric the alert watches, and holding the "complete up to" mark at its last activity until it is back.
     */
    @Test
    void aSilentTerminalIsReportedAndHoldsBackCompleteUpTo() {
        // the simulator speaks its machine's zone: the workers must read its times in that zone, as at a real site
        try (Stack stack = new Stack(
                1,
                "--gatesync.schedule.minute=1s",
                "--zkteco.pull-interval=2",
                "--gatesync.schedule.tick=200ms",
                "--gatesync.schedule.initial-delay=0s",
                "--gatesync.schedule.pull-lag=0s",
                "--zkteco.timezone=" + java.time.ZoneId.systemDefault().getId(),
                "--zkteco.auto-sync=true")) {
            LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
            LocalDateTime offlineSince = now.minusHours(2);
            seen(stack, "GATE-NORTH", now);
            seen(stack, "GATE-SOUTH", offlineSince);
            java.time.Instant lastHeard =
                    offlineSince.atZone(java.time.ZoneId.systemDefault()).toInstant();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Object> status = syncStatus(stack);
                assertThat(terminalStates(status))
                        .containsEntry("GATE-SOUTH", true)
                        .containsEntry("GATE-NORTH", false);
                assertThat(status.get("completeUpTo"))
                        .as("after the first arrival read")
                        .isNotNull();
                assertThat(java.time.Instant.parse((String) status.get("completeUpTo")))
                        .isEqualTo(lastHeard);
                assertThat(silentGauge(stack)).isEqualTo(1.0);
            });

            seen(stack, "GATE-SOUTH", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)); // back, uploading
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Object> status = syncStatus(stack);
                assertThat(terminalStates(status)).containsEntry("GATE-SOUTH", false);
                assertThat(java.time.Instant.parse((String) status.get("completeUpTo")))
                        .isAfter(lastHeard);
                assertThat(silentGauge(stack)).isZero();
            });
        }
    }

    private static void seen(Stack stack, String sn, LocalDateTime at) {
        stack.simClient
                .post()
                .uri("/sim/terminals/seen")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sn", sn, "at", BIOTIME.format(at)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Void.class);
    }

    private static Map<String, Object> syncStatus(Stack stack) {
        return stack.getJson("/zkteco/sync-status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Boolean> terminalStates(Map<String, Object> status) {
        Map<String, Boolean> states = new HashMap<>();
        ((List<Map<String, Object>>) status.get("terminals"))
                .forEach(t -> states.put((String) t.get("sn"), (Boolean) t.get("silent")));
        return states;
    }

    private static double silentGauge(Stack stack) {
        return stack.workers
                .get(0)
                .getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("gatesync.terminals.silent")
                .gauge()
                .value();
    }

    /** Waves of punches, a fifth of them uploaded late (punch times from an hour to 30 days back). */
    private static void everyArrivalIsImportedOnce(Stack stack, Random random) {
        List<String> cnics = people(stack, PEOPLE);
        awaitCursor(stack);
        Set<Long> all = new HashSet<>();
        for (int wave = 0; wave < 4; wave++) {
            all.addAll(ids(inject(stack, punches(cnics, random, wave * 10, wave * 10 + 10))));
            try {
                Thread.sleep(1500); // a periodic pull or so between waves
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(all).hasSize(PEOPLE * 40);
        awaitImported(stack, all);
        List<Long> held = stack.db.queryForList(
                "SELECT zkteco_transaction_id FROM entry_logs WHERE "
                        + "zkteco_transaction_id IS NOT NULL UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs "
                        + "WHERE zkteco_exit_transaction_id IS NOT NULL",
                Long.class);
        assertThat(held)
                .as("each punch in one entry log, once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM pull_chunks WHERE mode = 'ARRIVALS'", Integer.class))
                .as("arrival reads")
                .isGreaterThan(3);
    }

    /**
     * Punches {@code from}..{@code to} (exclusive) of each person: on time (a few minutes old) or late (an hour to 30
     * days old), a check-in and a check-out each, at times of their own.
     */
    private static List<Map<String, Object>> punches(List<String> cnics, Random random, int from, int to) {
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> punches = new ArrayList<>();
        for (int i = 0; i < cnics.size(); i++) {
            for (int n = from; n < to; n += 2) {
                boolean late = random.nextInt(5) == 0;
                // each person's punches in a second of their own: visit n of person i
                LocalDateTime in = late
                        ? now.minusHours(1 + random.nextInt(24 * 30)).minusSeconds(i * 100L + n)
                        : now.minusMinutes(30).plusSeconds(i * 100L + n * 2L);
                punches.add(Map.of(
                        "emp_code",
                        cnics.get(i),
                        "punch_time",
                        BIOTIME.format(in),
                        "punch_state",
                        0,
                        "terminal_sn",
                        "GATE-" + (i % 3)));
                punches.add(Map.of(
                        "emp_code",
                        cnics.get(i),
                        "punch_time",
                        BIOTIME.format(in.plusSeconds(1)),
                        "punch_state",
                        1,
                        "terminal_sn",
                        "GATE-" + (i % 3)));
            }
        }
        return punches;
    }

    private static List<Map<String, Object>> inject(Stack stack, List<Map<String, Object>> punches) {
        return stack.addPunches(punches);
    }

    private static Set<Long> ids(List<Map<String, Object>> rows) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(((Number) r.get("id")).longValue()));
        return ids;
    }

    private static void awaitImported(Stack stack, Set<Long> ids) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Set<Long> held = new HashSet<>(stack.db.queryForList(
                            "SELECT zkteco_transaction_id FROM entry_logs "
                                    + "UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs",
                            Long.class));
                    return held.containsAll(ids);
                });
    }

    private static int entryLogsOf(List<Map<String, Object>> punches) {
        Map<String, Integer> ins = new HashMap<>();
        punches.stream()
                .filter(p -> "0".equals(String.valueOf(p.get("punch_state"))))
                .forEach(p -> ins.merge((String) p.get("emp_code"), 1, Integer::sum));
        return ins.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void awaitCursor(Stack stack) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.db.queryForObject("SELECT COUNT(*) FROM pull_cursor", Integer.class) == 1);
    }

    /** The order the pull found the server to list punches in. */
    private static void assertServerOrder(Stack stack, String order) {
        assertThat(stack.db.queryForObject("SELECT server_order FROM pull_cursor", String.class))
                .isEqualTo(order);
    }

    private static List<String> people(Stack stack, int count) {
        List<String> cnics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String cnic = Traffic.newCnic();
            stack.putPerson(cnic, Map.of("name", "Person " + i));
            cnics.add(cnic);
        }
        return cnics;
    }

    private static void rules(Stack stack, Map<String, Object> rules) {
        stack.simClient
                .post()
                .uri("/sim/rules")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(rules)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Void.class);
    }

    /** The periodic pull every two seconds ("minutes" of a second), on two workers. */
    private static Stack stack() {
        return new Stack(
                2,
                "--gatesync.schedule.minute=1s",
                "--zkteco.pull-interval=2",
                "--gatesync.schedule.tick=200ms",
                "--gatesync.schedule.initial-delay=0s",
                "--gatesync.schedule.pull-lag=0s",
                "--zkteco.page-size=500",
                "--zkteco.timezone=Asia/Karachi",
                "--zkteco.rate-limit=200",
                "--zkteco.max-in-flight=16",
                "--zkteco.auto-sync=true");
    }
}
