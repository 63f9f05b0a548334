package io.gatesync.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gate ingest: single events from many concurrent clients (as fast as they go, then at a fixed 2,000/s) and
 * batches of 100 and 1,000, against the api on real MySQL/MariaDB and RabbitMQ; then every accepted event is
 * looked for in the database.
 */
final class IngestBench {

    private final Bench.Options options;

    IngestBench(Bench.Options options) {
        this.options = options;
    }

    Map<String, Object> run(Footprint footprint) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Cluster cluster = new Cluster(options.repo(), "ingest", options.rabbitAddresses())) {
            Cluster.Proc sim = cluster.startSim(options.port(0));
            // No workers: the api alone is measured; its outbox relay still publishes every command.
            Cluster.Proc api = cluster.startApi(options.port(1), sim.url(), Map.of("ZKTECO_AUTO_SYNC", "false"));
            footprint.watch(api);
            footprint.idle(api);
            Site site = new Site(
                    cluster, api.url(), options.scaled(500), Instant.now().minus(1, ChronoUnit.DAYS));
            site.createPeople();
            String token = site.gateToken("bench-gate");
            Load single = new Load(api.url() + "/api/events", "Bearer " + token, body -> true);
            Load batch = new Load(
                    api.url() + "/api/events/batch", "Bearer " + token, body -> body.contains("\"rejected\":0"));
            long next = 0;
            long accepted = 0;

            footprint.loaded(true);
            Bench.log("ingest: warm-up");
            Load.Result warm = single.closed(32, options.scaled(20_000), n -> site.event(n, false));
            accepted += warm.ok();
            next += options.scaled(20_000);

            int clients = 64;
            // The ceiling: a route that only answers (no authentication, no database), same clients and load
            // generator; what any route can do on this machine.
            Bench.log("ingest: the HTTP ceiling, GET /actuator/health/liveness, " + clients + " clients");
            Load.Result ceiling = new Load(api.url() + "/actuator/health/liveness", null, body -> true)
                    .closed(clients, options.scaled(60_000), n -> null);
            out.put("http_ceiling", row(ceiling, 1));

            long first = next;
            Bench.log("ingest: single events, " + clients + " clients, as fast as they go");
            Load.Result max = single.closed(clients, options.scaled(60_000), n -> site.event(first + n, false));
            out.put("single_max", row(max, 1));
            accepted += max.ok();
            next += options.scaled(60_000);

            long second = next;
            double rate = 2000;
            Duration length = Duration.ofSeconds(options.quick() ? 5 : 20);
            Bench.log("ingest: single events at " + (int) rate + "/s for " + length.toSeconds() + " s");
            Load.Result paced = single.open(rate, length, n -> site.event(second + n, false));
            out.put("single_at_2000_per_s", row(paced, 1));
            accepted += paced.ok();
            next += (long) (rate * length.toSeconds());

            for (int size : new int[] {100, 1000}) {
                long third = next;
                int batches = options.scaled(size == 100 ? 1_500 : 150);
                Bench.log("ingest: batches of " + size + ", " + batches + " batches");
                Load.Result r = batch.closed(4, batches, n -> site.batch(third + (long) n * size, size, false));
                out.put("batch_" + size, row(r, size));
                accepted += r.ok() * size;
                next += (long) batches * size;
            }

            footprint.loaded(false);
            long stored = site.count("SELECT COUNT(*) FROM gate_events");
            // A request the load generator gave up on (timeout) may still have been stored: ids are unique, so
            // nothing is lost when every accepted event is stored and nothing beyond what was sent.
            out.put("sent_events", next);
            out.put("accepted_events", accepted);
            out.put("stored_events", stored);
            out.put("nothing_lost", stored >= accepted && stored <= next);
            Site.await("outbox drained", site.counter("SELECT -COUNT(*) FROM outbox"), 0, Duration.ofMinutes(10));
            out.put("outbox_drained", true);
        }
        return out;
    }

    private static Map<String, Object> row(Load.Result r, int eventsPerRequest) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("requests_ok", r.ok());
        row.put("requests_failed", r.failed());
        row.put("failures", r.failures());
        row.put("seconds", Bench.round(r.seconds()));
        row.put("events_per_s", Bench.round(r.perSecond() * eventsPerRequest));
        row.put("p50_ms", Bench.round(r.latency().p50Ms()));
        row.put("p99_ms", Bench.round(r.latency().p99Ms()));
        row.put("max_ms", Bench.round(r.latency().maxMs()));
        return row;
    }
}
