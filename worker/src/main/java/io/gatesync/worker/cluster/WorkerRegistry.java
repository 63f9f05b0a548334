package io.gatesync.worker.cluster;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.worker.biotime.InFlightLimit;

/**
 * Knows which workers are alive (each beats into {@code worker_nodes} every few seconds, by database time) and
 * gives this worker its share of the cluster's in-flight budget. A worker that dies stops beating; after
 * {@code gatesync.cluster.live-for} (15 s) it no longer counts and the others' shares grow back.
 */
@Component
public class WorkerRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

    private final JdbcClient jdbc;
    private final InFlightLimit inFlight;
    private final int maxInFlight;
    private final String node;
    private final long liveForMillis;
    private volatile int liveWorkers = 1;

    public WorkerRegistry(
            JdbcClient jdbc,
            InFlightLimit inFlight,
            ZktecoProperties settings,
            @Value("${gatesync.node-name:}") String nodeName,
            @Value("${gatesync.cluster.live-for:15s}") java.time.Duration liveFor) {
        this.jdbc = jdbc;
        this.liveForMillis = liveFor.toMillis();
        this.inFlight = inFlight;
        this.maxInFlight = settings.maxInFlight();
        String base = nodeName.isBlank() ? "worker" : nodeName;
        this.node = base + "-" + UUID.randomUUID().toString().substring(0, 8);
        beat();
    }

    @Scheduled(fixedDelayString = "${gatesync.cluster.heartbeat:5s}")
    public void beat() {
        try {
            jdbc.sql("INSERT INTO worker_nodes (node, last_seen, started) VALUES (?, NOW(3), NOW(3)) "
                            + "ON DUPLICATE KEY UPDATE last_seen = NOW(3)")
                    .param(node)
                    .update();
            int live = jdbc.sql("SELECT COUNT(*) FROM worker_nodes WHERE last_seen > NOW(3) - INTERVAL ? MICROSECOND")
                    .param(liveForMillis * 1000)
                    .query(Integer.class)
                    .single();
            jdbc.sql("DELETE FROM worker_nodes WHERE last_seen < NOW(3) - INTERVAL 1 DAY")
                    .update();
            if (live != liveWorkers) {
                log.info(
                        "{} live workers; this one may have {} BioTime requests in flight",
                        live,
                        Math.max(1, maxInFlight / Math.max(1, live)));
            }
            liveWorkers = Math.max(1, live);
            inFlight.setLimit(Math.max(1, maxInFlight / liveWorkers));
        } catch (RuntimeException e) {
            log.warn("Worker heartbeat failed (keeping the current share): {}", e.getMessage());
        }
    }

    public int liveWorkers() {
        return liveWorkers;
    }

    public String node() {
        return node;
    }

    @Override
    public void destroy() {
        try {
            jdbc.sql("DELETE FROM worker_nodes WHERE node = ?").param(node).update();
        } catch (RuntimeException e) {
            log.debug("Could not remove {} from worker_nodes: {}", node, e.getMessage());
        }
    }
}
