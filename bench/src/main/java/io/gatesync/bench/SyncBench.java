package io.gatesync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Punches into BioTime under a cluster budget, against the simulator with a fixed latency: throughput with 1, 2
 * and 4 workers on the transaction-api and adms channels, the guide's sequential design as a baseline in the same
 * run, the lag from event to punch at half the budget, and the attendance pull's import rate.
 */
final class SyncBench {

    static final int BUDGET = SyncStage.BUDGET;
    static final int LATENCY_MS = SyncStage.LATENCY_MS;
    /** The guide's loop: one request, then a fixed pause, then the next. */
    static final int BASELINE_DELAY_MS = 100;

    private final Bench.Options options;
    private SyncStage stage;
    private Cluster cluster;
    private Cluster.Proc sim;
    private Cluster.Proc api;
    private Site site;
    private String token;
    private long nextEvent;

    SyncBench(Bench.Options options) {
        this.options = options;
    }

    Map<String, Object> run(Footprint footprint) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("budget_requests_per_s", BUDGET);
        out.put("biotime_latency_ms", LATENCY_MS);
        try (Cluster c = new Cluster(options.repo(), "sync", options.rabbitAddresses())) {
            stage = SyncStage.start("sync", options, c, footprint);
            cluster = c;
            sim = stage.sim;
            api = stage.api;
            site = stage.site;
            token = site.gateToken("bench-gate");

            Map<String, Object> throughput = new LinkedHashMap<>();
            for (String channel : options.channels()) {
                for (int count : new int[] {1, 2, 4}) {
                    int punches = options.scaled(channel.equals("adms") ? 30_000 : 1_500);
                    throughput.put(channel + "_" + count + "_workers", budgetRun(channel, count, punches, footprint));
                }
            }
            out.put("throughput", throughput);
            out.put("baseline", baseline());
            out.put("lag_at_half_budget", lag(footprint));
            out.put("pull", stage.pull());
        }
        return out;
    }

    /** Queues {@code punches} check-ins with no worker running, then starts the workers and times the drain. */
    private Map<String, Object> budgetRun(String channel, int count, int punches, Footprint footprint)
            throws Exception {
        Bench.log("sync: " + channel + ", " + count + " worker(s), " + punches + " punches");
        stage.stopWorkers();
        long target = ingestEntries(punches);
        HeldBacklog backlog = HeldBacklog.take(cluster.rabbitAddresses(), cluster.queue("entry-sync"));
        stage.startWorkers(count, channel, Map.of());
        footprint.loaded(true);
        String synced = "SELECT COUNT(*) FROM entry_logs WHERE zkteco_synced = 1";
        // warm-up, not measured: a tenth of the backlog, to every worker at once
        long before = site.count(synced);
        int warmUp = backlog.release(backlog.size() / 10); // entry syncs: one per check-in, each a log
        Site.await(
                "warm-up punches in BioTime", syncedUnlessDeadLettered(synced), before + warmUp, Duration.ofMinutes(5));
        Http.anonymous().post(sim.url() + "/sim/stats/reset", null);
        long startCount = site.count(synced);
        Map<String, Long> dbBefore = dbCounters();
        long t0 = System.currentTimeMillis();
        backlog.release(); // to every worker at once, all of them ready
        Site.await("punches in BioTime", syncedUnlessDeadLettered(synced), target, Duration.ofMinutes(15));
        long t1 = System.currentTimeMillis();
        Map<String, Long> dbAfter = dbCounters();
        footprint.loaded(false);
        double seconds = (t1 - t0) / 1000.0;
        double rate = (target - startCount) / seconds;
        JsonNode stats = Http.anonymous().get(sim.url() + "/sim/stats");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("punches", punches);
        row.put("measured_punches", target - startCount);
        row.put("seconds", Bench.round(seconds));
        row.put("punches_per_s", Bench.round(rate));
        row.putAll(budgetUse(stats.get("requestsPerSecond"), t0, t1));
        // what the database did per punch (the whole server: this run's workers, plus the bench's own polling)
        dbAfter.forEach((name, after) -> row.put(
                "db_" + name.toLowerCase() + "_per_punch",
                Bench.round((after - dbBefore.get(name)) / (double) Math.max(1, target - startCount))));
        return row;
    }

    /** The database server's statement and fsync counters (MariaDB/MySQL global status). */
    private Map<String, Long> dbCounters() throws SQLException {
        Map<String, Long> counters = new LinkedHashMap<>();
        try (Connection db = cluster.db();
                var s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Innodb_data_fsyncs')")) {
            while (rs.next()) {
                counters.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counters;
    }

    /** The count, as long as no sync was dead-lettered: one that was would never arrive, so the run stops there. */
    private java.util.function.LongSupplier syncedUnlessDeadLettered(String countSql) {
        java.util.function.LongSupplier count = site.counter(countSql);
        java.util.function.LongSupplier deadLetters = site.counter("SELECT COUNT(*) FROM dead_letters");
        return () -> {
            if (deadLetters.getAsLong() > 0) {
                throw new IllegalStateException("a sync was dead-lettered (see the dead_letters table and "
                        + "bench/target/logs/worker-*.log); the run cannot finish");
            }
            return count.getAsLong();
        };
    }

    /** Requests a second inside the window (whole seconds only), and seconds anywhere over the budget. */
    private static Map<String, Object> budgetUse(JsonNode perSecond, long t0, long t1) {
        long first = t0 / 1000 + 1;
        long last = t1 / 1000 - 1;
        long inWindow = 0;
        int over = 0;
        long max = 0;
        for (var e : perSecond.properties()) {
            long second = Long.parseLong(e.getKey());
            long n = e.getValue().asLong();
            if (second >= first && second <= last) {
                inWindow += n;
            }
            over += n > BUDGET ? 1 : 0;
            max = Math.max(max, n);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        double perS = last >= first ? inWindow / (double) (last - first + 1) : 0;
        row.put("requests_per_s", Bench.round(perS));
        row.put("budget_use", Bench.round(perS / BUDGET));
        row.put("max_requests_in_a_second", max);
        row.put("seconds_over_budget", over);
        return row;
    }

    /** Posts check-ins through the batch endpoint and waits until the outbox handed them all to RabbitMQ. */
    private long ingestEntries(int count) throws Exception {
        Load batch = new Load(api.url() + "/api/events/batch", "Bearer " + token, b -> b.contains("\"rejected\":0"));
        int size = 500;
        long first = nextEvent;
        Load.Result r = batch.closed(
                2,
                (count + size - 1) / size,
                n -> site.batch(first + (long) n * size, Math.min(size, count - n * size), true));
        if (r.failed() > 0) {
            throw new IllegalStateException("ingest failed: " + r.failures());
        }
        nextEvent += count;
        Site.await("outbox drained", site.counter("SELECT -COUNT(*) FROM outbox"), 0, Duration.ofMinutes(5));
        return site.count("SELECT COUNT(*) FROM entry_logs");
    }

    /**
     * The integration guide's design: log in, then for each punch one POST /iclock/api/transactions/ and a fixed
     * pause, one at a time, against the same simulator and latency.
     */
    private Map<String, Object> baseline() throws Exception {
        int punches = options.scaled(60);
        Bench.log("baseline: " + punches + " punches one at a time, " + BASELINE_DELAY_MS + " ms apart");
        HttpClient http = HttpClient.newHttpClient();
        JsonNode login = Http.anonymous()
                .post(sim.url() + "/jwt-api-token-auth/", Map.of("username", "admin", "password", "admin"));
        String auth = "JWT " + login.get("token").asString();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime time = LocalDateTime.now(ZoneId.systemDefault()).minusDays(5);
        long t0 = System.nanoTime();
        for (int i = 0; i < punches; i++) {
            String body = Http.JSON.writeValueAsString(Map.of(
                    "emp_code",
                    Site.cnic(i % site.people()),
                    "punch_time",
                    time.plusSeconds(i).format(format),
                    "punch_state",
                    "0",
                    "verify_type",
                    0,
                    "terminal_sn",
                    "GUIDE0001"));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(sim.url() + "/iclock/api/transactions/"))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("baseline punch refused: " + response.body());
            }
            Thread.sleep(BASELINE_DELAY_MS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("punches", punches);
        row.put("delay_ms", BASELINE_DELAY_MS);
        row.put("seconds", Bench.round(seconds));
        row.put("punches_per_s", Bench.round(punches / seconds));
        return row;
    }

    /** Each gate event's time from accepted to its punch in BioTime, of the entry logs {@code where} selects. */
    static Latencies lags(Cluster cluster, String where) throws SQLException {
        Latencies lags = new Latencies();
        try (Connection db = cluster.db();
                var s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT TIMESTAMPDIFF(MICROSECOND, g.received_at, e.zkteco_sync_time) "
                        + "FROM gate_events g JOIN entry_logs e ON e.id = g.entry_log_id WHERE " + where)) {
            while (rs.next()) {
                lags.record(rs.getLong(1) * 1000);
            }
        }
        return lags;
    }

    /** Check-ins at half the budget, one by one as gates send them; each one's time from accepted to in BioTime. */
    private Map<String, Object> lag(Footprint footprint) throws Exception {
        stage.startWorkers(2, "transaction-api", Map.of());
        double rate = BUDGET / 2.0;
        Duration length = Duration.ofSeconds(options.quick() ? 10 : 40);
        Bench.log("lag: check-ins at " + rate + "/s for " + length.toSeconds() + " s, 2 workers");
        long since = site.count("SELECT COALESCE(MAX(id), 0) FROM entry_logs");
        long first = nextEvent;
        Load single = new Load(api.url() + "/api/events", "Bearer " + token, b -> true);
        footprint.loaded(true);
        Load.Result r = single.open(rate, length, n -> site.event(first + n, true));
        nextEvent += r.ok() + r.failed();
        String pending = "SELECT -COUNT(*) FROM gate_events g JOIN entry_logs e ON e.id = g.entry_log_id "
                + "WHERE e.id > " + since + " AND e.zkteco_synced = 0";
        Site.await("lagging punches", syncedUnlessDeadLettered(pending), 0, Duration.ofMinutes(5));
        footprint.loaded(false);
        Latencies.Summary summary = lags(cluster, "e.id > " + since).summary();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("events_per_s", rate);
        row.put("events", summary.count());
        row.put("p50_ms", Bench.round(summary.p50Ms()));
        row.put("p99_ms", Bench.round(summary.p99Ms()));
        row.put("max_ms", Bench.round(summary.maxMs()));
        return row;
    }
}
