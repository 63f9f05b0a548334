package io.gatesync.worker.biotime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.gatesync.common.config.ZktecoProperties;

/**
 * Checks that BioTime answers, accepts our login and has the default department, position and area new
 * employees go to. Runs when the worker starts (a worker starts even if BioTime is down) and on demand
 * (test-connection); a missing one is reported as "Department not found" (area, position) naming the variable.
 */
public class ConnectionCheck {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCheck.class);

    public record Report(boolean ok, long latencyMs, List<String> problems, Instant checkedAt) {
    }

    private final BioTimeClient client;
    private final ZktecoProperties settings;
    private final AtomicReference<Report> last = new AtomicReference<>();

    public ConnectionCheck(BioTimeClient client, ZktecoProperties settings) {
        this.client = client;
        this.settings = settings;
    }

    public Report check() {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        try {
            requireUnit(problems, "departments", "Department", settings.defaultDepartment(), "ZKTECO_DEFAULT_DEPARTMENT");
            requireUnit(problems, "positions", "Position", settings.defaultPosition(), "ZKTECO_DEFAULT_POSITION");
            requireUnit(problems, "areas", "Area", settings.defaultArea(), "ZKTECO_DEFAULT_AREA");
        } catch (BioTimeException e) {
            problems.add(e.getMessage());
        }
        Report report = new Report(problems.isEmpty(), (System.nanoTime() - start) / 1_000_000, List.copyOf(problems),
                Instant.now());
        last.set(report);
        return report;
    }

    private void requireUnit(List<String> problems, String kind, String name, long id, String variable) {
        if (!client.orgUnitExists(kind, id)) {
            problems.add(name + " not found: BioTime has no " + name.toLowerCase() + " with id " + id + " ("
                    + variable + ")");
        }
    }

    public Report lastReport() {
        return last.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkAtStartUp() {
        Thread thread = new Thread(() -> {
            Report report = check();
            if (report.ok()) {
                log.info("BioTime at {} answers ({} ms); default department, position and area exist",
                        settings.baseUrl(), report.latencyMs());
            } else {
                report.problems().forEach(p -> log.error("BioTime check: {}", p));
            }
        }, "biotime-check");
        thread.setDaemon(true);
        thread.start();
    }
}
