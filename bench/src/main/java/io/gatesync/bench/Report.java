package io.gatesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The results as a Markdown table of goal, figure and verdict, and that table put into docs/benchmarks.md. */
final class Report {

    static final String START = "<!-- bench:start -->";
    static final String END = "<!-- bench:end -->";

    private Report() {}

    static String markdown(Map<String, Object> r) {
        List<String> rows = new ArrayList<>();
        Map<?, ?> machine = (Map<?, ?>) r.get("machine");
        rows.add("Run " + r.get("started")
                + (Boolean.TRUE.equals(r.get("quick")) ? " (quick: a tenth of the work)" : "")
                + " on " + machine.get("cpu") + ", " + machine.get("cores") + " cores, " + machine.get("memory_gib")
                + " GiB, " + machine.get("java") + "; MariaDB and RabbitMQ on the same machine"
                + (String.valueOf(r.get("rabbitmq")).contains(",")
                        ? " (RabbitMQ: a cluster of "
                                + String.valueOf(r.get("rabbitmq")).split(",").length + " nodes, " + r.get("rabbitmq")
                                + ")"
                        : "")
                + ".");
        rows.add("");
        rows.add("| what | figure | goal | met |");
        rows.add("|---|---|---|---|");
        if (r.get("ingest") != null) {
            row(
                    rows,
                    "HTTP ceiling: GET /actuator/health/liveness, 64 clients (no auth, no database)",
                    num(r, "ingest.http_ceiling.events_per_s") + " requests/s (p99 "
                            + num(r, "ingest.http_ceiling.p99_ms") + " ms)",
                    "—",
                    null);
            row(
                    rows,
                    "ingest, single events, 64 clients",
                    num(r, "ingest.single_max.events_per_s") + " events/s (p50 " + num(r, "ingest.single_max.p50_ms")
                            + " ms, p99 " + num(r, "ingest.single_max.p99_ms") + " ms)",
                    "≥ 5,000/s",
                    num(r, "ingest.single_max.events_per_s") >= 5000);
            row(
                    rows,
                    "ingest, single events at 2,000/s",
                    "p50 " + num(r, "ingest.single_at_2000_per_s.p50_ms") + " ms, p99 "
                            + num(r, "ingest.single_at_2000_per_s.p99_ms") + " ms",
                    "p99 < 50 ms",
                    num(r, "ingest.single_at_2000_per_s.p99_ms") < 50);
            for (String size : List.of("100", "1000")) {
                row(
                        rows,
                        "ingest, batches of " + size,
                        num(r, "ingest.batch_" + size + ".events_per_s") + " events/s",
                        "≥ 30,000/s",
                        num(r, "ingest.batch_" + size + ".events_per_s") >= 30000);
            }
            row(
                    rows,
                    "ingest, every accepted event stored",
                    get(r, "ingest.stored_events") + " stored, " + get(r, "ingest.accepted_events") + " accepted, "
                            + get(r, "ingest.sent_events") + " sent",
                    "all accepted stored",
                    Boolean.TRUE.equals(get(r, "ingest.nothing_lost")));
        }
        if (r.get("sync") != null) {
            double budget = num(r, "sync.budget_requests_per_s");
            double baseline = num(r, "sync.baseline.punches_per_s");
            for (String channel : List.of("transaction-api", "adms")) {
                for (int workers : new int[] {1, 2, 4}) {
                    String key = "sync.throughput." + channel + "_" + workers + "_workers";
                    if (get(r, key) == null) {
                        continue; // --channel: not run
                    }
                    double use = num(r, key + ".budget_use");
                    double over = num(r, key + ".seconds_over_budget");
                    row(
                            rows,
                            channel + ", " + workers + " worker(s), budget " + (int) budget + "/s, BioTime "
                                    + (int) num(r, "sync.biotime_latency_ms") + " ms",
                            num(r, key + ".punches_per_s") + " punches/s, " + Math.round(use * 100) + "% of budget, "
                                    + (int) over + " s over, " + ratio(num(r, key + ".punches_per_s"), baseline)
                                    + " baseline",
                            workers == 1 ? "0 s over" : "≥ 95%, 0 s over",
                            over == 0 && (workers == 1 || use >= 0.95));
                }
            }
            row(
                    rows,
                    "baseline: the guide's sequential sync (" + (int) num(r, "sync.baseline.delay_ms") + " ms pause)",
                    baseline + " punches/s",
                    "—",
                    null);
            double best = 0; // of the channels run
            for (String channel : List.of("transaction-api", "adms")) {
                double rate = num(r, "sync.throughput." + channel + "_4_workers.punches_per_s");
                best = Double.isNaN(rate) ? best : Math.max(best, rate);
            }
            row(
                    rows,
                    "best throughput against the baseline",
                    ratio(best, baseline),
                    "≥ 20×",
                    baseline > 0 && best / baseline >= 20);
            row(
                    rows,
                    "lag, event accepted → punch in BioTime, at 50% of budget",
                    "p50 "
                            + num(r, "sync.lag_at_half_budget.p50_ms") + " ms, p99 "
                            + num(r, "sync.lag_at_half_budget.p99_ms")
                            + " ms",
                    "p99 < 2 s",
                    num(r, "sync.lag_at_half_budget.p99_ms") < 2000);
            pullRow(rows, r, "sync.pull");
        }
        if (r.get("pull") != null) {
            pullRow(rows, r, "pull");
        }
        if (r.get("reconcile") != null) {
            double during = num(r, "reconcile.live_lag_during.p99_ms");
            row(
                    rows,
                    "reconcile one day at the default budget (" + get(r, "reconcile.punches_in_day")
                            + " punches), live lag meanwhile",
                    num(r, "reconcile.seconds") + " s, BioTime requests "
                            + get(r, "reconcile.biotime_requests") + "; live lag p99 " + during + " ms (before the run "
                            + num(r, "reconcile.live_lag_before.p99_ms") + " ms); report " + get(r, "reconcile.report"),
                    "live lag p99 < 5 s",
                    during < 5000);
        }
        if (r.get("footprint") != null) {
            double workerBusy = num(r, "footprint.worker.busy_rss_mib");
            if (workerBusy > 0) { // --only ingest starts no worker
                row(
                        rows,
                        "worker resident memory, idle / busy",
                        num(r, "footprint.worker.idle_rss_mib") + " / " + workerBusy + " MiB",
                        "busy < 300 MB",
                        workerBusy * 1.048576 < 300);
            }
            row(
                    rows,
                    "api resident memory, idle / busy",
                    rss(r, "footprint.api.idle_rss_mib") + " / " + rss(r, "footprint.api.busy_rss_mib") + " MiB",
                    "—",
                    null);
        }
        return String.join("\n", rows) + "\n";
    }

    private static void pullRow(List<String> rows, Map<String, Object> r, String at) {
        row(
                rows,
                "attendance pull, page size 5,000",
                num(r, at + ".imported_per_s") + " punches/s ("
                        + get(r, at + ".imported") + " in " + num(r, at + ".seconds") + " s; again: "
                        + get(r, at + ".imported_again") + ")",
                "≥ 20,000/s, again 0",
                num(r, at + ".imported_per_s") >= 20000 && num(r, at + ".imported_again") == 0);
        if (get(r, at + ".by_arrival") != null) {
            double window = num(r, at + ".imported_per_s");
            double arrival = num(r, at + ".by_arrival.imported_per_s");
            row(
                    rows,
                    "attendance pull by arrival (periodic), beside the window pull",
                    arrival + " punches/s ("
                            + get(r, at + ".by_arrival.imported") + " in " + num(r, at + ".by_arrival.seconds")
                            + " s over "
                            + get(r, at + ".by_arrival.periodic_runs") + " periodic run(s), " + ratio(arrival, window)
                            + " the window pull; that day by window again: "
                            + get(r, at + ".by_arrival.imported_again_by_window")
                            + fresh(r, at + ".by_arrival.fresh_workers")
                            + ")",
                    "≥ 18,900/s, again 0",
                    arrival >= 18900
                            && num(r, at + ".by_arrival.imported_again_by_window") == 0
                            && (get(r, at + ".by_arrival.fresh_workers") == null
                                    || num(r, at + ".by_arrival.fresh_workers.imported_again_by_window") == 0));
        }
        if (get(r, at + ".median") != null) {
            row(
                    rows,
                    "attendance pull, median of " + get(r, at + ".median.rounds") + " rounds (window, then by arrival)",
                    "window " + num(r, at + ".median.window_per_s") + " punches/s, by arrival "
                            + num(r, at + ".median.arrival_per_s") + " punches/s, by arrival / window "
                            + num(r, at + ".median.arrival_to_window") + "× (median of the rounds' ratios)",
                    "by arrival ≥ 1× the window pull",
                    num(r, at + ".median.arrival_to_window") >= 1.0);
        }
    }

    /** The pull by arrival on workers started after the punches arrived, where the run measured it. */
    private static String fresh(Map<String, Object> r, String at) {
        if (get(r, at) == null) {
            return "";
        }
        return "; on workers started after the day arrived: " + num(r, at + ".imported_per_s") + " punches/s, again "
                + get(r, at + ".imported_again_by_window");
    }

    /** A resident size, or "—" where the run did not measure it (-1). */
    private static String rss(Map<String, Object> r, String path) {
        double mib = num(r, path);
        return mib > 0 ? Double.toString(mib) : "—";
    }

    private static String ratio(double value, double baseline) {
        return baseline > 0 ? Bench.round(value / baseline) + "×" : "?×";
    }

    private static void row(List<String> rows, String what, String figure, String goal, Boolean met) {
        rows.add("| " + what + " | " + figure + " | " + goal + " | " + (met == null ? "" : met ? "yes" : "**no**")
                + " |");
    }

    private static Object get(Map<String, Object> r, String path) {
        Object at = r;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return at;
    }

    private static double num(Map<String, Object> r, String path) {
        return get(r, path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Replaces the table between the bench markers of {@code page} (docs/benchmarks.md). A page without them is an
     * error, not a silent skip: the figures would go nowhere (they are in bench/results/latest.md all the same).
     */
    static void intoPage(Path page, String table) throws IOException {
        String text = Files.readString(page);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(page + " has no " + START + " … " + END + " markers to put the table "
                    + "between; it is in bench/results/latest.md");
        }
        Files.writeString(page, text.substring(0, start + START.length()) + "\n" + table + text.substring(end));
    }
}
