package io.gatesync.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Attendance pull, both ways it reads BioTime, in the same run:
 * <ul>
 * <li>by window (a manual pull): a day of punches from terminals (check-ins and check-outs of the site's people) is
 * put into the simulator, then one pull of that day imports them into entry logs with a page size of 5,000; a second
 * pull of the same day must import nothing (deduplicated);</li>
 * <li>by arrival (the periodic pull): with the periodic pull noting where BioTime stands, it is paused (a run-time
 * setting) while another day of punches arrives, then resumed: the next periodic runs on the running workers read
 * every punch that arrived since, newest first; then the same on workers stopped while a third day arrives and started
 * after it. A window pull of each day afterwards must import nothing.</li>
 * </ul>
 * With {@code --rounds N} both run N times, each round on three days of its own, and the medians are reported too.
 */
final class PullBench {

    /** Starts the workers the pull runs on: without periodic jobs, or with the periodic pull every 2 s. */
    interface Workers {
        void start(boolean periodicPull) throws Exception;

        void stop() throws Exception;
    }

    private final Bench.Options options;
    private final Cluster cluster;
    private final Site site;
    private final Cluster.Proc sim;
    private final Cluster.Proc api;

    PullBench(Bench.Options options, Cluster cluster, Site site, Cluster.Proc sim, Cluster.Proc api) {
        this.options = options;
        this.cluster = cluster;
        this.site = site;
        this.sim = sim;
        this.api = api;
    }

    /** The pull on its own ({@code --only pull}): the stage the sync scenario starts from, then the pull. */
    static Map<String, Object> alone(Bench.Options options, Footprint footprint) throws Exception {
        try (Cluster c = new Cluster(options.repo(), "pull", options.rabbitAddresses())) {
            return SyncStage.start("pull", options, c, footprint).pull();
        }
    }

    /**
     * The first round's figures at the top (as one round always reported them), every round under {@code rounds}, and
     * with more than one round their medians under {@code median}.
     */
    Map<String, Object> run(Workers workers) throws Exception {
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 0; round < options.rounds(); round++) {
            // each round its own three days, further back each time: no round reads another's punches
            rounds.add(round(workers, LocalDate.now(ZoneId.systemDefault()).minusDays(4 + 3L * round)));
        }
        Map<String, Object> out = new LinkedHashMap<>(rounds.get(0));
        if (rounds.size() > 1) {
            out.put("rounds", rounds);
            double window = median(
                    rounds.stream().map(r -> (Double) r.get("imported_per_s")).toList());
            double arrival = median(rounds.stream()
                    .map(r -> (Double) ((Map<?, ?>) r.get("by_arrival")).get("imported_per_s"))
                    .toList());
            double ratio = median(rounds.stream()
                    .map(r -> (Double) ((Map<?, ?>) r.get("by_arrival")).get("imported_per_s")
                            / (Double) r.get("imported_per_s"))
                    .toList());
            out.put(
                    "median",
                    Map.of(
                            "rounds",
                            rounds.size(),
                            "window_per_s",
                            Bench.round(window),
                            "arrival_per_s",
                            Bench.round(arrival),
                            "arrival_to_window",
                            Bench.round(ratio)));
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One round: the window pull of {@code day}, then the pull by arrival of the two days after. */
    private Map<String, Object> round(Workers workers, LocalDate day) throws Exception {
        int total = options.scaled(100_000);
        ZoneId zone = ZoneId.systemDefault();
        Bench.log("pull: putting " + total + " punches of " + day + " into the simulator");
        inject(total, day.atStartOfDay());
        workers.start(false);
        ZonedDateTime from = day.atStartOfDay(zone);
        Map<String, Object> body = Map.of(
                "from",
                from.toOffsetDateTime().toString(),
                "to",
                from.plusDays(1).toOffsetDateTime().toString(),
                "chunkMinutes",
                60);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("punches", total);
        out.put("page_size", 5000);
        Bench.log("pull: importing");
        JsonNode first = pull(body);
        long imported = first.get("punchesImported").asLong();
        double seconds = Duration.between(
                                Instant.parse(first.get("createdAt").asString()),
                                Instant.parse(first.get("finishedAt").asString()))
                        .toMillis()
                / 1000.0;
        out.put("status", first.get("status").asString());
        out.put("imported", imported);
        out.put("seconds", Bench.round(seconds));
        out.put("imported_per_s", Bench.round(imported / seconds));
        out.put("entry_logs_from_biotime", site.count("SELECT COUNT(*) FROM entry_logs WHERE source = 'BIOTIME'"));
        Bench.log("pull: the same day again");
        out.put("imported_again", pull(body).get("punchesImported").asLong());
        out.put("by_arrival", byArrival(workers, total, day.plusDays(1), zone));
        return out;
    }

    /**
     * The periodic pull by arrival over another day of punches, twice (see the class comment): on the running workers
     * with the periodic pull paused while the day arrives, as a site's pull finds what came since its last run (the
     * figure beside the window pull, which also runs on running workers); then, on a third day, on workers started
     * after the punches arrived, as after a deploy or an outage (the JVMs compile and load while they import).
     */
    private Map<String, Object> byArrival(Workers workers, int total, LocalDate day, ZoneId zone) throws Exception {
        Bench.log("pull by arrival: the periodic pull notes where BioTime stands");
        workers.start(true);
        Site.await("arrival cursor", site.counter("SELECT COUNT(*) FROM pull_cursor"), 1, Duration.ofMinutes(2));
        Map<String, Object> out =
                arrivals("running workers", total, day, zone, () -> periodicPull(false), () -> periodicPull(true));
        workers.stop();
        out.put(
                "fresh_workers",
                arrivals("fresh workers", total, day.plusDays(1), zone, () -> {}, () -> workers.start(true)));
        workers.stop(); // a next round's punches must not be pulled by these workers' periodic runs as they arrive
        return out;
    }

    /** A step of the bench that may fail. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * A day of punches arrives between {@code hold} (after it no periodic run reads) and {@code release}; the periodic
     * runs that follow import it, timed from the first run's creation to the last chunk's end; then a window pull of
     * that day must import nothing.
     */
    private Map<String, Object> arrivals(String label, int total, LocalDate day, ZoneId zone, Step hold, Step release)
            throws Exception {
        hold.run();
        Map<String, Object> out = new LinkedHashMap<>();
        long lastRun = site.count("SELECT COALESCE(MAX(id), 0) FROM pull_runs");
        long before = site.count("SELECT COUNT(*) FROM entry_logs WHERE source = 'BIOTIME'");
        Bench.log("pull by arrival, " + label + ": " + total + " punches of " + day
                + " arrive while no periodic run reads");
        inject(total, day.atStartOfDay());
        release.run();
        Bench.log("pull by arrival, " + label + ": importing");
        String imported = "SELECT COALESCE(SUM(c.punches_imported), 0) FROM pull_chunks c JOIN pull_runs r "
                + "ON r.id = c.run_id WHERE c.mode = 'ARRIVALS' AND r.id > " + lastRun;
        Site.await("punches imported by arrival", site.counter(imported), total, Duration.ofMinutes(20));
        Site.await(
                "arrival chunks finished",
                site.counter("SELECT COUNT(*) = 0 FROM pull_chunks c JOIN pull_runs r "
                        + "ON r.id = c.run_id WHERE c.mode = 'ARRIVALS' AND r.id > " + lastRun
                        + " AND c.punches_imported > 0 "
                        + "AND c.status <> 'DONE'"),
                1,
                Duration.ofMinutes(5));
        // from the first chunk that imported to the last one's end: the reads and imports, not the schedule's wait
        double seconds = site.count("SELECT TIMESTAMPDIFF(MICROSECOND, MIN(r.created_at), MAX(c.finished_at)) "
                        + "FROM pull_chunks c JOIN pull_runs r ON r.id = c.run_id WHERE c.mode = 'ARRIVALS' AND r.id > "
                        + lastRun + " AND c.punches_imported > 0")
                / 1e6;
        long importedCount = site.count(imported);
        out.put("punches", total);
        out.put("imported", importedCount);
        out.put(
                "periodic_runs",
                site.count("SELECT COUNT(DISTINCT c.run_id) FROM pull_chunks c JOIN pull_runs r "
                        + "ON r.id = c.run_id WHERE c.mode = 'ARRIVALS' AND r.id > " + lastRun
                        + " AND c.punches_imported > 0"));
        out.put("seconds", Bench.round(seconds));
        out.put("imported_per_s", Bench.round(importedCount / seconds));
        out.put("entry_logs_added", site.count("SELECT COUNT(*) FROM entry_logs WHERE source = 'BIOTIME'") - before);
        Bench.log("pull by arrival, " + label + ": that day again by window");
        ZonedDateTime from = day.atStartOfDay(zone);
        out.put(
                "imported_again_by_window",
                pull(Map.of(
                                "from",
                                from.toOffsetDateTime().toString(),
                                "to",
                                from.plusDays(1).toOffsetDateTime().toString(),
                                "chunkMinutes",
                                60))
                        .get("punchesImported")
                        .asLong());
        return out;
    }

    /**
     * Pauses or resumes the periodic pull through the dashboard's run-time setting ({@code pull-attendance}); a pause
     * holds once every worker has re-read the settings and no pull chunk is left running.
     */
    private void periodicPull(boolean on) throws InterruptedException {
        site.admin().put(api.url() + "/zkteco/settings", Map.of("pull-attendance", Boolean.toString(on)));
        if (!on) {
            Thread.sleep(SyncStage.SETTINGS_REFRESH.multipliedBy(2).toMillis());
            Site.await(
                    "periodic runs paused",
                    site.counter("SELECT COUNT(*) = 0 FROM pull_chunks WHERE status = 'PENDING'"),
                    1,
                    Duration.ofMinutes(2));
        }
    }

    private JsonNode pull(Map<String, Object> body) throws InterruptedException {
        return pull(site, api.url(), body);
    }

    /** A manual pull ({@code POST /zkteco/pull-attendance}), waited for; returns its run. */
    static JsonNode pull(Site site, String apiUrl, Map<String, Object> body) throws InterruptedException {
        JsonNode started = site.admin().post(apiUrl + "/zkteco/pull-attendance", body);
        String status =
                apiUrl + "/zkteco/pull-attendance/" + started.get("runId").asLong();
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = site.admin().get(status);
            if (!run.get("status").asString().equals("RUNNING")) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("pull did not finish in 20 minutes");
    }

    private void inject(int total, LocalDateTime dayStart) {
        inject(site, sim.url(), total, dayStart, "BENCH0001");
    }

    /** Person p's punches alternate check-in, check-out through the day, spread evenly, on terminal {@code sn}. */
    static void inject(Site site, String simUrl, int total, LocalDateTime dayStart, String sn) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        int people = site.people();
        int perPerson = total / people;
        long step = 86_000L / perPerson;
        List<Map<String, Object>> chunk = new ArrayList<>();
        for (int i = 0; i < perPerson * people; i++) {
            int person = i % people;
            int round = i / people;
            chunk.add(Map.of(
                    "emp_code",
                    Site.cnic(person),
                    "punch_time",
                    dayStart.plusSeconds(round * step + person % 60).format(format),
                    "punch_state",
                    round % 2,
                    "terminal_sn",
                    sn));
            if (chunk.size() == 1000) {
                Http.anonymous().post(simUrl + "/sim/transactions", chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            Http.anonymous().post(simUrl + "/sim/transactions", chunk);
        }
    }
}
