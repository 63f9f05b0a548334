package io.gatesync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of the apps: "idle" is read a few seconds after start-up before any load, "busy" is the highest
 * reading while the benchmarks drive them (sampled every half second). Keyed by role (api, worker).
 */
final class Footprint implements AutoCloseable {

    private final List<Cluster.Proc> watched = new CopyOnWriteArrayList<>();
    private final Map<String, Double> idle = new LinkedHashMap<>();
    private final Map<String, Double> busy = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    Footprint() {
        sampler.scheduleAtFixedRate(this::sample, 500, 500, TimeUnit.MILLISECONDS);
    }

    private static String role(Cluster.Proc proc) {
        return proc.name().startsWith("worker") ? "worker" : proc.name();
    }

    void watch(Cluster.Proc proc) {
        watched.add(proc);
    }

    /** Records the idle figure of the first process of its role, after it settled for a few seconds. */
    void idle(Cluster.Proc proc) throws InterruptedException {
        if (!idle.containsKey(role(proc))) {
            Thread.sleep(5000);
            synchronized (this) {
                idle.put(role(proc), proc.rssMiB());
            }
        }
    }

    /** Busy figures count only while a load runs, so start-up peaks are not taken for load. */
    private volatile boolean loaded;

    void loaded(boolean on) {
        loaded = on;
    }

    private synchronized void sample() {
        watched.removeIf(p -> !p.process().isAlive());
        if (!loaded) {
            return;
        }
        for (Cluster.Proc p : watched) {
            double rss = p.rssMiB();
            if (rss > 0) {
                busy.merge(role(p), rss, Math::max);
            }
        }
    }

    synchronized Map<String, Object> result() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String role : List.of("api", "worker")) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("idle_rss_mib", Bench.round(idle.getOrDefault(role, -1.0)));
            r.put("busy_rss_mib", Bench.round(busy.getOrDefault(role, -1.0)));
            out.put(role, r);
        }
        return out;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
