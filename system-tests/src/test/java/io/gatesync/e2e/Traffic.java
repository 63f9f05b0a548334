package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Gate traffic for end-to-end tests, and the check that matters: BioTime got exactly one employee per person and
 * exactly one punch per event, nothing missing, nothing twice.
 */
final class Traffic {

    private final Stack stack;
    final List<String> cnics = new java.util.concurrent.CopyOnWriteArrayList<>(); // read while gates still send
    /** Expected punches as "cnic/punch_state". */
    final List<String> expectedPunches = new ArrayList<>();

    private final Instant base = Instant.parse("2026-11-20T03:00:00Z")
            .plusSeconds(ThreadLocalRandom.current().nextInt(0, 1_000_000));
    private int eventCount;

    Traffic(Stack stack) {
        this.stack = stack;
    }

    /** The CNICs quoted and joined by commas, for {@code cnic IN (…)} (digits only: nothing to escape). */
    static String sqlList(List<String> cnics) {
        return cnics.stream().map(c -> "'" + c + "'").collect(Collectors.joining(","));
    }

    static String newCnic() {
        return String.format("%013d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
    }

    /** {@code people} new people, each with an entry and an exit (two punches each). */
    Traffic peopleWithEntryAndExit(int people) {
        for (int i = 0; i < people; i++) {
            String cnic = person();
            Instant in = base.plusSeconds(60L * eventCount);
            event(cnic, "ENTRY", in);
            event(cnic, "EXIT", in.plusSeconds(8 * 3600));
        }
        return this;
    }

    /** {@code people} new people, each with {@code visits} entries and exits (2 × visits punches each). */
    Traffic peopleWithVisits(int people, int visits) {
        List<String> group = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            group.add(person());
        }
        for (int v = 0; v < visits; v++) {
            for (String cnic : group) {
                Instant in = base.plusSeconds(86_400L * v + 60L * eventCount);
                event(cnic, "ENTRY", in);
                event(cnic, "EXIT", in.plusSeconds(8 * 3600));
            }
        }
        return this;
    }

    String person() {
        String cnic = newCnic();
        sendAsAGateWould(() -> stack.apiClient
                .put()
                .uri("/api/people/{cnic}", cnic)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Person " + cnic.substring(9))));
        cnics.add(cnic);
        return cnic;
    }

    void event(String cnic, String direction, Instant time) {
        eventCount++;
        Map<String, String> body = Stack.event("ev-" + cnic + "-" + eventCount, cnic, direction, time, "G1");
        sendAsAGateWould(() -> stack.apiClient
                .post()
                .uri("/api/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body));
        expectedPunches.add(cnic + "/" + ("ENTRY".equals(direction) ? "0" : "1") + "/" + time);
    }

    /**
     * Sends until accepted: a gate resends (with the same event id) when the api answers 5xx, e.g. while its
     * database restarts. Anything but 2xx or 5xx fails the test.
     */
    private static void sendAsAGateWould(java.util.function.Supplier<WebTestClient.RequestHeadersSpec<?>> request) {
        for (int attempt = 1; ; attempt++) {
            HttpStatusCode status = request.get()
                    .exchange()
                    .expectBody(Void.class)
                    .returnResult()
                    .getStatus();
            if (status.is2xxSuccessful()) {
                return;
            }
            assertThat(status.is5xxServerError()).as("answer " + status).isTrue();
            assertThat(attempt).as("attempts").isLessThan(30);
            try {
                Thread.sleep(500); // a gate's pause before it resends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Punches of this traffic BioTime has now. */
    long punchesInBioTime() {
        Set<String> mine = Set.copyOf(cnics);
        return sim("/sim/transactions").stream()
                .filter(p -> mine.contains((String) p.get("emp_code")))
                .count();
    }

    /** BioTime's transaction id of each punch of this traffic, by "cnic/punch_state". */
    Map<String, Long> transactionsInBioTime() {
        Set<String> mine = Set.copyOf(cnics);
        return sim("/sim/transactions").stream()
                .filter(p -> mine.contains((String) p.get("emp_code")))
                .collect(Collectors.toMap(
                        p -> p.get("emp_code") + "/" + p.get("punch_state"), p -> ((Number) p.get("id")).longValue()));
    }

    /** Waits until every entry log of this traffic is synced. */
    void awaitSynced(Duration atMost) {
        String in = sqlList(cnics);
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stack.db.queryForObject(
                                        "SELECT COUNT(*) FROM entry_logs WHERE zkteco_synced = 0 AND cnic IN (" + in
                                                + ")",
                                        Integer.class)
                                == 0
                        && stack.db.queryForObject(
                                        "SELECT COUNT(*) FROM people WHERE zkteco_synced = 0 AND cnic IN (" + in + ")",
                                        Integer.class)
                                == 0);
    }

    /** BioTime holds exactly one employee per person and exactly one punch per event. */
    void assertExactlyOnceInBioTime() {
        Set<String> mine = Set.copyOf(cnics);
        List<Map<String, Object>> employees = sim("/sim/employees").stream()
                .filter(e -> mine.contains((String) e.get("emp_code")))
                .toList();
        assertThat(employees)
                .extracting(e -> (String) e.get("emp_code"))
                .as("one BioTime employee per person")
                .containsExactlyInAnyOrderElementsOf(cnics);
        List<String> punches = sim("/sim/transactions").stream()
                .filter(p -> mine.contains((String) p.get("emp_code")))
                .map(p -> p.get("emp_code") + "/" + p.get("punch_state") + "/" + p.get("punch_time"))
                .toList();
        assertThat(punches)
                .as("one punch per event")
                .hasSize(expectedPunches.size())
                .doesNotHaveDuplicates();
        assertThat(punches.stream()
                        .map(p -> p.substring(0, p.lastIndexOf('/')))
                        .sorted()
                        .toList())
                .isEqualTo(expectedPunches.stream()
                        .map(p -> p.substring(0, p.lastIndexOf('/')))
                        .sorted()
                        .toList());
    }

    int deadLetters() {
        return stack.db.queryForObject("SELECT COUNT(*) FROM dead_letters", Integer.class);
    }

    /** The dead letters as a failed assertion should show them: what, which, why and the last error. */
    String deadLetterReport() {
        return "dead letters "
                + stack.db.queryForList(
                        "SELECT CONCAT_WS(' ', kind, target, reason, attempts, last_error) FROM dead_letters",
                        String.class);
    }

    private List<Map<String, Object>> sim(String path) {
        return stack.simRows(path);
    }
}
