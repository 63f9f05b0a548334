package io.gatesync.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scenarios that talk to BioTime start from: the simulator with a fixed latency, the api with periodic jobs
 * off, the site's people created and in BioTime (a worker pushes them), and the workers of the moment, which a
 * scenario replaces with {@link #startWorkers}.
 */
final class SyncStage {

    static final int BUDGET = 50;
    /** How often the workers with the periodic pull re-read the run-time settings (the bench pauses the pull). */
    static final Duration SETTINGS_REFRESH = Duration.ofSeconds(1);

    static final int LATENCY_MS = 100;

    final Cluster cluster;
    final Cluster.Proc sim;
    final Cluster.Proc api;
    final Site site;
    private final Bench.Options options;
    private final Footprint footprint;
    private List<Cluster.Proc> workers = List.of();

    private SyncStage(Bench.Options options, Cluster cluster, Footprint footprint) throws Exception {
        this.options = options;
        this.cluster = cluster;
        this.footprint = footprint;
        sim = cluster.startSim(options.port(10));
        Http.anonymous().post(sim.url() + "/sim/faults", Map.of("latencyMs", LATENCY_MS));
        api = cluster.startApi(options.port(11), sim.url(), quiet());
        footprint.watch(api);
        site = new Site(cluster, api.url(), options.scaled(200), Instant.now().minus(1, ChronoUnit.DAYS));
    }

    /** Starts everything and puts the site's people into BioTime through one worker. */
    static SyncStage start(String scenario, Bench.Options options, Cluster cluster, Footprint footprint)
            throws Exception {
        SyncStage stage = new SyncStage(options, cluster, footprint);
        stage.startWorkers(1, "transaction-api", Map.of());
        Bench.log(scenario + ": creating " + stage.site.people() + " people and waiting for BioTime to have them");
        stage.site.createPeople();
        Site.await(
                "people in BioTime",
                stage.site.counter("SELECT COUNT(*) FROM people WHERE zkteco_synced = 1"),
                stage.site.people(),
                Duration.ofMinutes(5));
        return stage;
    }

    /** Periodic jobs off: only the commands a run queues reach BioTime, so the figures are about them. */
    private static Map<String, String> quiet() {
        return Map.of("ZKTECO_AUTO_SYNC", "false", "ZKTECO_PULL_ATTENDANCE", "false");
    }

    /** Stops the running workers and starts {@code count} new ones on {@code channel} under the budget. */
    List<Cluster.Proc> startWorkers(int count, String channel, Map<String, String> extra) throws Exception {
        stopWorkers();
        Map<String, String> env = new LinkedHashMap<>(quiet());
        env.put("ZKTECO_RATE_LIMIT", Integer.toString(BUDGET));
        env.put("ZKTECO_PUNCH_CHANNEL", channel);
        env.putAll(extra);
        workers = cluster.startWorkers(count, options.port(20), sim.url(), env);
        for (Cluster.Proc w : workers) {
            footprint.watch(w);
        }
        footprint.idle(workers.get(0));
        return workers;
    }

    void stopWorkers() throws InterruptedException {
        for (Cluster.Proc w : workers) {
            cluster.stop(w);
        }
        workers = List.of();
    }

    /** The attendance pull on 2 workers with pages of 5,000, as the pull figure is measured. */
    Map<String, Object> pull() throws Exception {
        return new PullBench(options, cluster, site, sim, api).run(new PullBench.Workers() {
            @Override
            public void start(boolean periodicPull) throws Exception {
                Map<String, String> env = new LinkedHashMap<>(Map.of("ZKTECO_PAGE_SIZE", "5000"));
                // every 2 s (a "minute" of 1 s, as the end-to-end tests run it); needs auto-sync. The first tick comes
                // 10 s after start, as in production (gatesync.schedule.initial-delay): at 0 s the first periodic run
                // began while the other worker was still starting and both checked BioTime, and the pull by arrival
                // was measured against their start-up, which the window pull (started once both are up) never is.
                if (periodicPull) {
                    env.putAll(Map.of(
                            "ZKTECO_AUTO_SYNC",
                            "true",
                            "ZKTECO_PULL_ATTENDANCE",
                            "true",
                            "ZKTECO_PULL_INTERVAL",
                            "2",
                            "GATESYNC_SCHEDULE_MINUTE",
                            "1s",
                            "GATESYNC_SCHEDULE_TICK",
                            "250ms",
                            "GATESYNC_SCHEDULE_PULL_LAG",
                            "0s",
                            "GATESYNC_SETTINGS_REFRESH",
                            SETTINGS_REFRESH.toSeconds() + "s"));
                }
                startWorkers(2, "transaction-api", env);
            }

            @Override
            public void stop() throws Exception {
                stopWorkers();
            }
        });
    }
}
