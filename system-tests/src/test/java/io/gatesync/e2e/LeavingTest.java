package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gatesync.sim.personnel.Employee;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.personnel.ResignService;

/**
 * Issue 22's "Leaving and returning", end to end on real RabbitMQ and MariaDB against the simulator: people who
 * leave are resigned in BioTime with attendance disabled and stay there; people who return are reinstated; a
 * leaver's gate event is kept, flagged and never reaches BioTime; a leaver's punch pulled from BioTime waits in the
 * parking list until they return; {@code sync-all-people} puts back a resignation undone by hand. All over HTTPS, with
 * the simulator's self-signed certificate given to the workers as ZKTECO_CA_CERT, as a site's own BioTime is reached.
 * The 200 people; {@code -Dgatesync.leaving.people=N} for another number (at least 10).
 */
class LeavingTest {

    private static final ZoneId SITE = ZoneId.systemDefault(); // the simulator speaks its machine's zone
    private static final DateTimeFormatter BIOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final int PEOPLE = Integer.getInteger("gatesync.leaving.people", 200);

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        // the periodic pull every two seconds, so a parked punch is retried soon after its person returns
        stack = Stack.overTls(
                1,
                "--gatesync.schedule.minute=1s",
                "--zkteco.pull-interval=2",
                "--gatesync.schedule.tick=200ms",
                "--gatesync.schedule.initial-delay=0s",
                "--gatesync.schedule.pull-lag=0s",
                "--zkteco.timezone=" + SITE.getId(),
                "--zkteco.auto-sync=true",
                "--zkteco.rate-limit=200",
                "--zkteco.max-in-flight=16");
    }

    private static void put(String cnic, Map<String, Object> body, int status) {
        stack.putPerson(cnic, body, status);
    }

    private static void event(String eventId, String cnic, String direction, Instant time) {
        stack.postEvent(eventId, cnic, direction, time, "G-LEFT");
    }

    private static Employee employee(String cnic) {
        return stack.sim.getBean(EmployeeStore.class).byCode(cnic).orElseThrow();
    }

    private static boolean resignedInBioTime(String cnic) {
        Employee e = employee(cnic);
        return !e.enableAtt()
                && stack.sim.getBean(ResignService.class).byEmployee(e.id()).isPresent();
    }

    private static boolean reinstatedInBioTime(String cnic) {
        Employee e = employee(cnic);
        return e.enableAtt()
                && stack.sim.getBean(ResignService.class).byEmployee(e.id()).isEmpty();
    }

    private static int count(String sql, Object... args) {
        return stack.db.queryForObject(sql, Integer.class, args);
    }

    private static long punchesInBioTime(String cnic) {
        return stack.sim.getBean(io.gatesync.sim.transactions.TransactionStore.class).all().stream()
                .filter(t -> cnic.equals(t.empCode()))
                .count();
    }

    /** Waits up to 30 s, looking every 300 ms. */
    private static void soon(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(condition);
    }

    /** Waits until all these people are synced with BioTime, resigned there or not. */
    private static void awaitSyncedAndResigned(List<String> cnics, boolean resigned) {
        soon(() -> count(
                        "SELECT COUNT(*) FROM people WHERE zkteco_synced = 1 AND zkteco_resigned = ? AND cnic IN ("
                                + in(cnics) + ")",
                        resigned ? 1 : 0)
                == cnics.size());
    }

    private static String in(List<String> cnics) {
        return "'" + String.join("','", cnics) + "'";
    }

    @Test
    void peopleLeaveAndReturnAndALeaversGateEventNeverReachesBioTime() {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String cnic = Traffic.newCnic();
            people.add(cnic);
            put(cnic, Map.of("name", "Person " + i), 201);
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() ->
                        count("SELECT COUNT(*) FROM people WHERE zkteco_synced = 1 AND cnic IN (" + in(people) + ")")
                                == PEOPLE);

        List<String> leavers = people.subList(0, 10);
        for (int i = 0; i < leavers.size(); i++) {
            if (i % 2 == 0) {
                stack.apiClient
                        .delete()
                        .uri("/api/people/{cnic}", leavers.get(i))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("LEFT");
            } else {
                put(leavers.get(i), Map.of("name", "Person " + i, "status", "LEFT", "leftOn", "2026-01-15"), 200);
            }
        }
        awaitSyncedAndResigned(leavers, true);
        assertThat(leavers)
                .allSatisfy(c ->
                        assertThat(resignedInBioTime(c)).as("%s resigned", c).isTrue());
        assertThat(people.subList(10, PEOPLE))
                .allSatisfy(c -> assertThat(employee(c).enableAtt()).isTrue());
        assertThat(stack.sim.getBean(EmployeeStore.class).all().stream().filter(e -> people.contains(e.empCode())))
                .as("nothing deleted in BioTime")
                .hasSize(PEOPLE);
        stack.apiClient
                .get()
                .uri("/api/people/{cnic}", leavers.get(1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("LEFT")
                .jsonPath("$.leftOn")
                .isEqualTo("2026-01-15")
                .jsonPath("$.zktecoResigned")
                .isEqualTo(true);
        assertThat(stack.sim
                        .getBean(ResignService.class)
                        .byEmployee(employee(leavers.get(1)).id())
                        .orElseThrow()
                        .resignDate())
                .hasToString("2026-01-15");

        List<String> returners = leavers.subList(0, 2);
        returners.forEach(c -> put(c, Map.of("name", "Back again", "status", "ACTIVE"), 200));
        awaitSyncedAndResigned(returners, false);
        assertThat(returners)
                .allSatisfy(c -> assertThat(reinstatedInBioTime(c))
                        .as("%s reinstated", c)
                        .isTrue());
        assertThat(leavers.subList(2, 10))
                .allSatisfy(c -> assertThat(resignedInBioTime(c)).isTrue());

        // a gate event of someone who left: accepted, flagged, never sent; one of someone who returned: sent
        String gone = leavers.get(5);
        String back = returners.get(0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        event("left-" + gone, gone, "ENTRY", now.minusSeconds(60));
        event("back-" + back, back, "ENTRY", now.minusSeconds(50));
        soon(() -> punchesInBioTime(back) == 1);
        stack.apiClient
                .get()
                .uri("/api/entry-logs?cnic={cnic}", gone)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.content.length()")
                .isEqualTo(1)
                .jsonPath("$.content[0].personLeft")
                .isEqualTo(true);
        stack.apiClient.post().uri("/zkteco/sync-unsynced-entries").exchange().expectBody(Void.class);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> punchesInBioTime(gone) == 0);
        assertThat(Stack.scrape(stack.apiClient)).contains("gatesync_gate_events_person_left_total");
    }

    @Test
    void aLeaversPulledPunchIsParkedUntilTheyReturnAndSyncAllPeopleRedoesAResignationUndoneByHand() {
        String cnic = Traffic.newCnic();
        put(cnic, Map.of("name", "Sana Iqbal"), 201);
        stack.apiClient
                .delete()
                .uri("/api/people/{cnic}", cnic)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Void.class);
        soon(() -> count("SELECT COUNT(*) FROM people WHERE cnic = ? AND zkteco_resigned = 1", cnic) == 1);

        // undone by hand in BioTime: the next sync of everyone resigns them again
        ResignService resigns = stack.sim.getBean(ResignService.class);
        resigns.delete(resigns.byEmployee(employee(cnic).id()).orElseThrow().id());
        assertThat(reinstatedInBioTime(cnic)).isTrue();
        stack.apiClient
                .post()
                .uri("/zkteco/sync-all-people")
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Void.class);
        soon(() -> resignedInBioTime(cnic));

        // a punch on a terminal while they had left: pulled, parked with the reason
        LocalDateTime at = LocalDateTime.now(SITE).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS);
        stack.addPunches(List.of(Map.of(
                "emp_code", cnic, "punch_time", BIOTIME.format(at), "punch_state", "0", "terminal_sn", "GATE-EAST")));
        soon(() -> count("SELECT COUNT(*) FROM parked_punches WHERE cnic = ? AND reason = 'PERSON_LEFT'", cnic) == 1);
        assertThat(count("SELECT COUNT(*) FROM entry_logs WHERE cnic = ?", cnic))
                .isZero();

        // they return: reinstated, and the parked punch is imported
        put(cnic, Map.of("name", "Sana Iqbal", "status", "ACTIVE"), 200);
        soon(() -> count("SELECT COUNT(*) FROM parked_punches WHERE cnic = ?", cnic) == 0
                && count("SELECT COUNT(*) FROM entry_logs WHERE cnic = ? AND source = 'BIOTIME'", cnic) == 1);
        soon(() -> reinstatedInBioTime(cnic));
    }
}
