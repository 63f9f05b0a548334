package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The periodic pull at a site's scale, end to end on real RabbitMQ and MySQL/MariaDB against the simulator: people
 * with two visits a day over 50 days, a tenth of them on old terminals that send state 255 for everything, 5% of
 * all punches uploaded late (after the others, over several periodic pulls), and the worker process importing killed
 * with SIGKILL mid-pull. Every punch must end in exactly one entry log, paired as the state policy (255:
 * {@code alternate}) says: each visit's check-in with its own check-out. CI runs 10,000 punches of 50 people;
 * {@code -Dgatesync.pull-scale.people=500} runs the 100,000 punches of 500 people.
 */
class PullAtScaleIT {

    private static final DateTimeFormatter BIOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PEOPLE = Integer.getInteger("gatesync.pull-scale.people", 50);
    private static final int DAYS = 50;
    private static final int WAVES = 10;

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        // the simulator speaks its machine's zone, as a real BioTime speaks ZKTECO_TIMEZONE
        stack = new Stack(
                0,
                "--gatesync.schedule.minute=1s",
                "--zkteco.pull-interval=2",
                "--gatesync.schedule.tick=200ms",
                "--gatesync.schedule.initial-delay=0s",
                "--gatesync.schedule.pull-lag=0s",
                "--zkteco.page-size=1000",
                "--zkteco.rate-limit=500",
                "--zkteco.max-in-flight=16",
                "--zkteco.auto-sync=true",
                "--zkteco.timezone=" + ZoneId.systemDefault().getId(),
                // the SIGKILL can land while the worker holds the periodic pull's ShedLock (taken every 2 s here);
                // the others then wait lockAtMostFor (2 min by default) before the next periodic pull
                "--gatesync.schedule.lock-at-most-for=20s");
    }

    /** A punch to upload, and the visit it belongs to. */
    private record Planned(Map<String, Object> row, int visit, boolean in) {}

    @Test
    void everyPunchIsImportedOnceAsThePolicySaysThroughLateUploadsAndAKilledWorker() throws Exception {
        Random random = new Random(2026);
        List<String> cnics = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String cnic = Traffic.newCnic();
            stack.putPerson(cnic, Map.of("name", "Person " + i));
            cnics.add(cnic);
        }
        List<Planned> planned = plan(cnics, random);
        Collections.shuffle(planned, random);
        int late = planned.size() / 20;
        List<Planned> onTime = planned.subList(late, planned.size());
        List<Planned> lateOnes = planned.subList(0, late);

        Process first = worker("pull-1");
        worker("pull-2");
        await().atMost(Duration.ofSeconds(120))
                .until(() -> stack.db.queryForObject("SELECT COUNT(*) FROM pull_cursor", Integer.class) == 1);

        long started = System.nanoTime();
        Map<Long, Planned> byId = new HashMap<>();
        boolean killed = false;
        for (int wave = 0; wave < WAVES; wave++) {
            int from = wave * onTime.size() / WAVES;
            int to = (wave + 1) * onTime.size() / WAVES;
            List<Planned> batch = new ArrayList<>(onTime.subList(from, to));
            if (wave >= WAVES - 4) { // the late uploads come over the last four waves, after the rest
                int part = wave - (WAVES - 4);
                batch.addAll(lateOnes.subList(part * late / 4, (part + 1) * late / 4));
            }
            upload(batch, byId);
            if (!killed && wave >= WAVES / 2) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> held().size() > planned.size() / 3);
                first.destroyForcibly(); // SIGKILL, mid-pull
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
                worker("pull-3");
                killed = true;
            }
            Thread.sleep(1500); // a periodic pull or so between waves
        }
        assertThat(byId).hasSize(planned.size());
        await().atMost(Duration.ofSeconds(PEOPLE * 6L + 120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> held().size() >= planned.size());
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Long> held = held();
        assertThat(held).as("0 doubled").doesNotHaveDuplicates();
        assertThat(held).as("0 missed").containsExactlyInAnyOrderElementsOf(byId.keySet());
        // as the policy says: each visit's check-in with its check-out, 255 punches included
        Map<String, Long> entryOf = new HashMap<>();
        byId.forEach((id, p) -> {
            if (p.in()) {
                entryOf.put(p.row().get("emp_code") + "|" + p.visit(), id);
            }
        });
        Set<String> expectedPairs = new HashSet<>();
        byId.forEach((id, p) -> {
            if (!p.in()) {
                expectedPairs.add(entryOf.get(p.row().get("emp_code") + "|" + p.visit()) + "→" + id);
            }
        });
        List<String> pairs = stack.db.query(
                "SELECT zkteco_transaction_id, zkteco_exit_transaction_id FROM entry_logs",
                (rs, n) -> rs.getLong(1) + "→" + rs.getLong(2));
        assertThat(pairs)
                .as("entry logs")
                .hasSize(planned.size() / 2)
                .containsExactlyInAnyOrderElementsOf(expectedPairs);
        assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM parked_punches", Integer.class))
                .isZero();
        int unknown = (int) byId.values().stream()
                .filter(p -> "255".equals(String.valueOf(p.row().get("punch_state"))))
                .count();
        System.out.printf(
                "Pull at scale: %d punches of %d people (%d late, %d of state 255), a worker killed: "
                        + "all imported once in %.1f s%n",
                planned.size(), PEOPLE, late, unknown, seconds);
        assertThat(unknown).as("a tenth carry state 255").isBetween(planned.size() / 20, planned.size() / 5);
    }

    /**
     * Each person: two visits a day for {@link #DAYS} days up to yesterday; a tenth of the people punch on an old
     * terminal that sends 255 for every punch.
     */
    private static List<Planned> plan(List<String> cnics, Random random) {
        List<Planned> planned = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (int p = 0; p < cnics.size(); p++) {
            boolean old = p % 10 == 3;
            String terminal = old ? "OLD-TERM-1" : "GATE-" + (p % 8);
            int visit = 0;
            for (int d = DAYS; d >= 1; d--) {
                LocalDateTime day = today.minusDays(d).atStartOfDay();
                LocalDateTime[] times = {
                    day.plusHours(7).plusSeconds(random.nextInt(7200)),
                    day.plusHours(11).plusSeconds(random.nextInt(5400)),
                    day.plusHours(13).plusSeconds(random.nextInt(3600)),
                    day.plusHours(16).plusSeconds(random.nextInt(10800))
                };
                for (int i = 0; i < times.length; i++) {
                    boolean in = i % 2 == 0;
                    Map<String, Object> row = Map.of(
                            "emp_code",
                            cnics.get(p),
                            "punch_time",
                            BIOTIME.format(times[i]),
                            "punch_state",
                            old ? 255 : in ? 0 : 1,
                            "terminal_sn",
                            terminal);
                    planned.add(new Planned(row, visit, in));
                    if (!in) {
                        visit++;
                    }
                }
            }
        }
        return planned;
    }

    private static void upload(List<Planned> batch, Map<Long, Planned> byId) {
        for (int from = 0; from < batch.size(); from += 1000) {
            List<Planned> part = batch.subList(from, Math.min(batch.size(), from + 1000));
            List<Map<String, Object>> rows =
                    stack.addPunches(part.stream().map(Planned::row).toList());
            for (int i = 0; i < rows.size(); i++) {
                byId.put(((Number) rows.get(i).get("id")).longValue(), part.get(i));
            }
        }
    }

    private static List<Long> held() {
        return stack.db.queryForList(
                "SELECT zkteco_transaction_id FROM entry_logs WHERE zkteco_transaction_id IS NOT "
                        + "NULL UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs WHERE zkteco_exit_transaction_id "
                        + "IS NOT NULL",
                Long.class);
    }

    private static Process worker(String name) throws Exception {
        return stack.startWorkerProcess(name, "384m");
    }
}
