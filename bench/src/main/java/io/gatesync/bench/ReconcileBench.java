package io.gatesync.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;

/**
 * Reconciliation of one day at the default BioTime budget, beside live gate traffic. The day: 100,000 terminal
 * punches pulled into GateSync, 1,000 gate punches pushed; then, in BioTime, 1% of the gate punches deleted and
 * 1,000 terminal punches added that were never pulled. The workers then run at the default budget
 * (ZKTECO_RATE_LIMIT 10) while a gate sends check-ins of today at a steady rate: first alone (the baseline), then
 * while a run reconciles that day. Reported: the run's time and report, its BioTime requests, and the live punch
 * lag (event accepted → punch in BioTime) before and during the run.
 */
final class ReconcileBench {

    static final double DEFAULT_BUDGET = 10;
    /** Live check-ins per second: some of what the default budget carries, as a site's daytime traffic takes. */
    static final double LIVE_RATE = 3;

    private final Bench.Options options;
    private final SyncStage stage;

    private ReconcileBench(Bench.Options options, SyncStage stage) {
        this.options = options;
        this.stage = stage;
    }

    static Map<String, Object> alone(Bench.Options options, Footprint footprint) throws Exception {
        try (Cluster c = new Cluster(options.repo(), "reconcile", options.rabbitAddresses())) {
            return new ReconcileBench(options, SyncStage.start("reconcile", options, c, footprint)).run();
        }
    }

    private Map<String, Object> run() throws Exception {
        Site site = stage.site;
        String api = stage.api.url();
        String sim = stage.sim.url();
        ZoneId zone = ZoneId.systemDefault();
        LocalDate day = LocalDate.now(zone).minusDays(1);
        int pulled = options.scaled(100_000);
        Bench.log("reconcile: " + pulled + " terminal punches of " + day + " into BioTime, pulled into GateSync");
        PullBench.inject(site, sim, pulled, day.atStartOfDay(), "BENCH0001");
        stage.startWorkers(2, "transaction-api", Map.of("ZKTECO_PAGE_SIZE", "5000"));
        ZonedDateTime from = day.atStartOfDay(zone);
        PullBench.pull(
                site,
                api,
                Map.of(
                        "from",
                        from.toOffsetDateTime().toString(),
                        "to",
                        from.plusDays(1).toOffsetDateTime().toString(),
                        "chunkMinutes",
                        60));

        // gate punches of that day, in seconds no terminal punch of the same person takes (see PullBench.inject)
        int gatePunches = options.scaled(1_000);
        Site gates = new Site(
                stage.cluster,
                api,
                site.people(),
                from.plusSeconds(251 * 172 + 80).toInstant());
        Http gate = Http.bearer(gates.gateToken("reconcile-day-gate"));
        for (int first = 0; first < gatePunches; first += 500) {
            gate.post(
                    api + "/api/events/batch",
                    Http.JSON.readTree(gates.batch(first, Math.min(500, gatePunches - first), false)));
        }
        String gateSent = "SELECT COUNT(*) FROM entry_logs WHERE source <> 'BIOTIME' AND zkteco_synced = 1";
        Site.await("gate punches in BioTime", site.counter(gateSent), gatePunches / 2, Duration.ofMinutes(5));

        // the damage, in BioTime
        Http bioTime = Http.jwt(sim);
        List<Long> sentIds = site.longs("SELECT zkteco_transaction_id FROM entry_logs WHERE source <> "
                + "'BIOTIME' AND zkteco_transaction_id IS NOT NULL UNION ALL SELECT zkteco_exit_transaction_id FROM "
                + "entry_logs WHERE source <> 'BIOTIME' AND zkteco_exit_transaction_id IS NOT NULL");
        int deleted = 0;
        for (int i = 0; i < sentIds.size(); i += 100) {
            bioTime.delete(sim + "/iclock/api/transactions/" + sentIds.get(i) + "/");
            deleted++;
        }
        int added = options.scaled(1_000);
        PullBench.inject(site, sim, added, day.atStartOfDay().plusSeconds(100), "BENCH0002");
        Bench.log("reconcile: " + deleted + " gate punches deleted in BioTime, " + added + " terminal punches added");

        stage.startWorkers(2, "transaction-api", Map.of("ZKTECO_RATE_LIMIT", Double.toString(DEFAULT_BUDGET)));
        Site live = new Site(stage.cluster, api, site.people(), Instant.now());
        Load checkIns = new Load(api + "/api/events", "Bearer " + live.gateToken("live-gate"), b -> true);
        long since = site.count("SELECT COALESCE(MAX(id), 0) FROM entry_logs");
        Duration baseline = Duration.ofSeconds(options.quick() ? 10 : 30);
        Duration length = baseline.plus(Duration.ofSeconds(options.quick() ? 60 : 120));
        Bench.log("reconcile: live check-ins at " + LIVE_RATE + "/s for " + length.toSeconds() + " s; the run starts "
                + "after " + baseline.toSeconds() + " s");
        CompletableFuture<Load.Result> traffic = CompletableFuture.supplyAsync(() -> {
            try {
                return checkIns.open(LIVE_RATE, length, n -> live.event(n, true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(baseline.toMillis());
        JsonNode statsBefore = Http.anonymous().get(sim + "/sim/stats").get("requestsByEndpoint");
        JsonNode started =
                site.admin().post(api + "/zkteco/reconcile", Map.of("from", day.toString(), "to", day.toString()));
        JsonNode report =
                finished(site, api + "/zkteco/reconcile/" + started.get("runId").asLong());
        JsonNode statsAfter = Http.anonymous().get(sim + "/sim/stats").get("requestsByEndpoint");
        Load.Result liveResult = traffic.join();
        Site.await(
                "live punches in BioTime",
                site.counter("SELECT -COUNT(*) FROM entry_logs WHERE id > " + since + " AND zkteco_synced = 0"),
                0,
                Duration.ofMinutes(5));

        Instant runFrom = Instant.parse(report.get("createdAt").asString());
        Instant runTo = Instant.parse(report.get("finishedAt").asString());
        Latencies.Summary before = SyncBench.lags(
                        stage.cluster, "e.id > " + since + " AND g.received_at < '" + Site.db(runFrom) + "'")
                .summary();
        Latencies.Summary during = SyncBench.lags(
                        stage.cluster,
                        "e.id > " + since + " AND g.received_at BETWEEN '" + Site.db(runFrom) + "' AND '"
                                + Site.db(runTo) + "'")
                .summary();
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode d = report.get("days").get(0);
        out.put("punches_in_day", d.get("biotime").asInt());
        out.put("status", report.get("status").asString());
        out.put("seconds", Bench.round(Duration.between(runFrom, runTo).toMillis() / 1000.0));
        out.put("budget_per_s", DEFAULT_BUDGET);
        out.put(
                "report",
                Map.of(
                        "gatesync",
                        d.get("gatesync").asInt(),
                        "biotime",
                        d.get("biotime").asInt(),
                        "matched",
                        d.get("matched").asInt(),
                        "pushed",
                        d.get("pushed").asInt(),
                        "imported",
                        d.get("imported").asInt(),
                        "parked",
                        d.get("parked").asInt(),
                        "unresolved",
                        d.get("unresolved").asInt(),
                        "employees_checked",
                        report.get("employees").get("checked").asInt()));
        out.put("damage", Map.of("deleted", deleted, "added", added));
        out.put("biotime_requests", requestsBetween(statsBefore, statsAfter));
        out.put("live_events", liveResult.ok());
        out.put("live_lag_before", lagRow(before));
        out.put("live_lag_during", lagRow(during));
        return out;
    }

    private static JsonNode finished(Site site, String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = site.admin().get(url);
            if (!"RUNNING".equals(run.get("status").asString())) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("reconciliation did not finish in 30 minutes");
    }

    /** Requests by endpoint the simulator counted between two of its stats. */
    private static Map<String, Long> requestsBetween(JsonNode before, JsonNode after) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.properties().forEach(e -> {
            long n = e.getValue().asLong()
                    - (before.has(e.getKey()) ? before.get(e.getKey()).asLong() : 0);
            if (n > 0) {
                out.put(e.getKey(), n);
            }
        });
        return out;
    }

    private static Map<String, Object> lagRow(Latencies.Summary lags) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("events", lags.count());
        row.put("p50_ms", Bench.round(lags.p50Ms()));
        row.put("p99_ms", Bench.round(lags.p99Ms()));
        row.put("max_ms", Bench.round(lags.maxMs()));
        return row;
    }
}
