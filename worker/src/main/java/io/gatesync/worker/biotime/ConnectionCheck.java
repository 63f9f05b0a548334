package io.gatesync.worker.biotime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.config.ZktecoProperties.PunchChannel;
import io.gatesync.common.messaging.ConnectionReport;

/**
 * Checks that BioTime answers, accepts our login and is set up for GateSync's punches to count: the default
 * department, position and area new employees go to exist; GateSync's terminal exists (it is created if missing)
 * and, for the adms channel, is not in the "Not Authorized" pseudo-area, where BioTime keeps nothing it uploads.
 * Runs when the worker starts (a worker starts even if BioTime is down) and on demand (test-connection). A missing
 * unit is reported as "Department not found" (area, position) naming the variable; what works but would make punches
 * or people not count where they should is a warning.
 */
public class ConnectionCheck {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCheck.class);

    private final BioTimeClient client;
    private final GateSyncTerminal terminal;
    private final ZktecoProperties settings;
    private final AtomicReference<ConnectionReport> last = new AtomicReference<>();

    public ConnectionCheck(BioTimeClient client, GateSyncTerminal terminal, ZktecoProperties settings) {
        this.client = client;
        this.terminal = terminal;
        this.settings = settings;
    }

    /** The report test-connection answers with, as the api shows it. */
    public ConnectionReport check() {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String terminalText = null;
        Integer pending = null;
        try {
            requireUnit(
                    problems, "departments", "Department", settings.defaultDepartment(), "ZKTECO_DEFAULT_DEPARTMENT");
            requireUnit(problems, "positions", "Position", settings.defaultPosition(), "ZKTECO_DEFAULT_POSITION");
            requireUnit(problems, "areas", "Area", settings.defaultArea(), "ZKTECO_DEFAULT_AREA")
                    .filter(Terminal::isNotAuthorized)
                    .ifPresent(name -> warnings.add("Area " + settings.defaultArea() + " (ZKTECO_DEFAULT_AREA) is \""
                            + name + "\", BioTime's pseudo-area for unassigned terminals: employees GateSync creates "
                            + "there reach no terminal. Set ZKTECO_DEFAULT_AREA to the area of the site's terminals."));
            if (problems.isEmpty() && settings.punchChannel() != PunchChannel.MANUAL_LOG) {
                // (after the units: a missing area would only fail the terminal's creation again)
                Terminal ours = terminal.refresh();
                terminalText = ours.sn() + " (id " + ours.id() + ") in area \"" + ours.areaLabel() + "\"";
                checkTerminal(ours, problems, warnings);
            } else if (problems.isEmpty()) {
                pending = pendingApprovals();
                if (pending != null && pending > 0) {
                    warnings.add(pending + " manual logs wait for approval in BioTime: GateSync's punches among them "
                            + "count in no attendance until someone approves them (or BioTime approves manual logs "
                            + "automatically)");
                }
            }
        } catch (BioTimeException e) {
            problems.add(e.getMessage());
            // while the open circuit keeps requests here, the refused certificate is still the reason to show
            client.trustProblem().filter(p -> !p.equals(e.getMessage())).ifPresent(problems::add);
        }
        ConnectionReport report = new ConnectionReport(
                problems.isEmpty(),
                (System.nanoTime() - start) / 1_000_000,
                problems,
                warnings,
                terminalText,
                pending,
                Instant.now(),
                client.circuit().name());
        last.set(report);
        return report;
    }

    /** adms: the terminal must be out of "Not Authorized", and best in an area of its own. */
    private void checkTerminal(Terminal ours, List<String> problems, List<String> warnings) {
        if (settings.punchChannel() != PunchChannel.ADMS) {
            return;
        }
        if (!ours.authorized()) {
            problems.add(terminal.notAuthorized(ours));
        } else if (ours.areaId() != null && ours.areaId() == settings.defaultArea()) {
            warnings.add("Terminal " + ours.sn() + " shares area " + ours.areaId() + " with new employees: BioTime "
                    + "queues every employee of that area for it, and GateSync never fetches them. Give it an area of "
                    + "its own with no employees.");
        }
    }

    /** The unit's name, or empty after noting it missing. */
    private Optional<String> requireUnit(List<String> problems, String kind, String name, long id, String variable) {
        Optional<Map<String, Object>> unit = client.orgUnit(kind, id);
        if (unit.isEmpty()) {
            problems.add(name + " not found: BioTime has no " + name.toLowerCase() + " with id " + id + " (" + variable
                    + ")");
            return Optional.empty();
        }
        Object unitName = unit.get()
                .get(kind.equals("areas") ? "area_name" : kind.equals("positions") ? "position_name" : "dept_name");
        return Optional.of(String.valueOf(unitName));
    }

    /** Pending manual logs (approval status 0), counted from the list's count; null if the build cannot list them. */
    private Integer pendingApprovals() {
        try {
            Long count = client.manualLogs(null, null, null, 0, 1, 1).count();
            return count == null ? null : count.intValue();
        } catch (BioTimeException e) {
            if (e.status() >= 500 || e.status() == 404 || e.status() == 405) {
                return null;
            }
            throw e;
        }
    }

    public ConnectionReport lastReport() {
        return last.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void checkAtStartUp() {
        Thread thread = new Thread(
                () -> {
                    ConnectionReport report = check();
                    if (report.ok()) {
                        log.info(
                                "BioTime at {} answers ({} ms); default department, position and area exist; terminal {}",
                                settings.baseUrl(),
                                report.latencyMs(),
                                report.terminal());
                    } else {
                        report.problems().forEach(p -> log.error("BioTime check: {}", p));
                    }
                    report.warnings().forEach(w -> log.warn("BioTime check: {}", w));
                },
                "biotime-check");
        thread.setDaemon(true);
        thread.start();
    }
}
