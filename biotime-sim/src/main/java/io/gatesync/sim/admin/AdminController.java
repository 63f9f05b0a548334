package io.gatesync.sim.admin;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.gatesync.sim.auth.TokenStore;
import io.gatesync.sim.personnel.AreaStore;
import io.gatesync.sim.personnel.Employee;
import io.gatesync.sim.personnel.EmployeeService;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.personnel.EmployeeView;
import io.gatesync.sim.terminals.Terminal;
import io.gatesync.sim.terminals.TerminalStore;
import io.gatesync.sim.transactions.ManualLog;
import io.gatesync.sim.transactions.ManualLogService;
import io.gatesync.sim.transactions.ManualLogStore;
import io.gatesync.sim.transactions.NewPunch;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionService;
import io.gatesync.sim.transactions.TransactionStore;
import io.gatesync.sim.transactions.TransactionView;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.SimTime;

/** Inspection and control for tests; no authentication and no faults (not part of the BioTime API). */
@RestController
@RequestMapping("/sim")
class AdminController {

    private final EmployeeStore employees;
    private final EmployeeService employeeService;
    private final TransactionStore transactions;
    private final TransactionService transactionService;
    private final ManualLogStore manualLogs;
    private final ManualLogService manualLogService;
    private final TerminalStore terminals;
    private final AreaStore areas;
    private final TokenStore tokens;
    private final SimStats stats;
    private final SimReset reset;

    AdminController(
            EmployeeStore employees,
            EmployeeService employeeService,
            TransactionStore transactions,
            TransactionService transactionService,
            ManualLogStore manualLogs,
            ManualLogService manualLogService,
            TerminalStore terminals,
            AreaStore areas,
            TokenStore tokens,
            SimStats stats,
            SimReset reset) {
        this.employees = employees;
        this.employeeService = employeeService;
        this.transactions = transactions;
        this.transactionService = transactionService;
        this.manualLogs = manualLogs;
        this.manualLogService = manualLogService;
        this.terminals = terminals;
        this.areas = areas;
        this.tokens = tokens;
        this.stats = stats;
        this.reset = reset;
    }

    /**
     * @param duplicatesRefused punches refused by the (emp_code, punch_time) key plus manual logs refused as
     *                          duplicates, since the last reset: a client that never sends a punch twice causes none
     */
    record Stats(
            long employees,
            long transactions,
            long manualLogs,
            long logins,
            long failedLogins,
            long requests,
            Map<String, Long> requestsByEndpoint,
            SortedMap<Long, Long> requestsPerSecond,
            long maxRequestsPerSecond,
            long inFlight,
            long inFlightMax,
            long duplicatesRefused) {}

    @GetMapping("/employees")
    List<EmployeeView> employees() {
        return employees.all().stream().map(employeeService::view).toList();
    }

    /** All punches in id order, optionally only those from one channel ({@code ?source=ADMS}). */
    @GetMapping("/transactions")
    List<TransactionView> transactions(@RequestParam(required = false) Transaction.Source source) {
        return transactions.all().stream()
                .filter(t -> source == null || t.source() == source)
                .map(transactionService::view)
                .toList();
    }

    /**
     * Injects punches as if a terminal had delivered them: {@code [{"emp_code","punch_time","punch_state"?,
     * "terminal_sn"?,"verify_type"?,"upload_time"?}]}, linked to the employee with that emp_code if there is one.
     * {@code upload_time} (default now) makes a late upload: a punch of any past time arriving now. All or nothing:
     * any invalid item, or one the (emp_code, punch_time) key refuses, gives a 400 with one error object per item.
     */
    @PostMapping("/transactions")
    ResponseEntity<List<TransactionView>> inject(@RequestBody List<Map<String, Object>> punches) {
        List<NewPunch> parsed = new ArrayList<>();
        List<Map<String, List<String>>> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Map<String, Object> item : punches) {
            BodyReader r = new BodyReader(item);
            String empCode = r.string("emp_code", true, 0);
            var punchTime = r.dateTime("punch_time", true);
            Integer punchState = r.integer("punch_state", 0);
            Integer verifyType = r.integer("verify_type", 1);
            String terminalSn = r.string("terminal_sn", false, 0);
            var uploadTime = item.get("upload_time") == null ? null : r.dateTime("upload_time", false);
            if (r.errors().isEmpty()
                    && (transactions.at(empCode, punchTime).isPresent() || !keys.add(empCode + "|" + punchTime))) {
                r.error("non_field_errors", TransactionService.UNIQUE_SET);
            }
            errors.add(r.errors());
            if (r.errors().isEmpty()) {
                Long emp = employees.byCode(empCode).map(Employee::id).orElse(null);
                parsed.add(new NewPunch(
                        empCode,
                        emp,
                        punchTime,
                        punchState,
                        verifyType,
                        "",
                        null,
                        terminalSn == null || terminalSn.isEmpty() ? "SIM0000001" : terminalSn,
                        null,
                        null,
                        uploadTime,
                        Transaction.Source.INJECTED));
            }
        }
        if (parsed.size() != punches.size()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors);
        }
        List<TransactionView> created = parsed.stream()
                .map(transactions::add)
                .flatMap(Optional::stream)
                .map(transactionService::view)
                .toList();
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    /** BioTime restored from a backup: {@code {"keepUpTo": 120}} drops later punches and gives their ids again. */
    @PostMapping("/transactions/restore")
    Map<String, Integer> restore(@RequestBody Map<String, Long> body) {
        Long keepUpTo = body.get("keepUpTo");
        if (keepUpTo == null || keepUpTo < 0) {
            throw ApiException.badRequest("keepUpTo", "A transaction id of 0 or more is required.");
        }
        return Map.of("removed", transactions.restore(keepUpTo));
    }

    /** A punch that counts in attendance: what BioTime's reports join (the employee link), read by tests. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttendanceRow(long emp, String empCode, String punchTime, int punchState, String source) {}

    /**
     * What the attendance report counts: transactions linked to an employee, and approved manual logs that made no
     * transaction (reports merge {@code att_manuallog} in by hand); one row per person and second.
     */
    @GetMapping("/attendance")
    List<AttendanceRow> attendance() {
        Map<String, AttendanceRow> rows = new LinkedHashMap<>();
        for (Transaction t : transactions.all()) {
            if (t.emp() != null) {
                rows.putIfAbsent(
                        t.empCode() + "|" + t.punchTime(),
                        new AttendanceRow(
                                t.emp(),
                                t.empCode(),
                                SimTime.format(t.punchTime()),
                                t.punchState(),
                                t.source().name()));
            }
        }
        for (ManualLog l : manualLogs.all()) {
            if (l.approval() == ManualLog.Approval.APPROVED) {
                rows.putIfAbsent(
                        l.empCode() + "|" + l.punchTime(),
                        new AttendanceRow(
                                l.employee(),
                                l.empCode(),
                                SimTime.format(l.punchTime()),
                                l.punchState(),
                                Transaction.Source.MANUAL_LOG.name()));
            }
        }
        return List.copyOf(rows.values());
    }

    @GetMapping("/manuallogs")
    List<ManualLog> manualLogs() {
        return manualLogs.all();
    }

    /** HR approves manual logs: {@code {"ids":[1,2]}}, or every pending one when {@code ids} is absent. */
    @PostMapping("/manuallogs/approve")
    List<ManualLog> approve(@RequestBody(required = false) Map<String, List<Long>> body) {
        return manualLogService.approve(body == null ? null : body.get("ids"));
    }

    @GetMapping("/terminals")
    List<Terminal> terminals() {
        return terminals.all();
    }

    /** An admin assigns a terminal to an area: {@code {"sn":"GATESYNC","area":2}}. */
    @PostMapping("/terminals/assign")
    Terminal assign(@RequestBody Map<String, Object> body) {
        BodyReader r = new BodyReader(body);
        String sn = r.string("sn", true, 0);
        Long area = r.pk("area", true, areas::exists);
        r.throwIfErrors();
        return terminals.assign(sn, area).orElseThrow(ApiException::notFound);
    }

    /**
     * A terminal spoke ADMS at a time (default now): {@code {"sn":"GATE-1","at":"2026-11-24 09:00:00"}}. An unknown
     * serial number adds itself as a real terminal's first handshake does.
     */
    @PostMapping("/terminals/seen")
    Terminal seen(@RequestBody Map<String, Object> body) {
        Object sn = body.get("sn");
        if (!(sn instanceof String text) || text.isBlank()) {
            throw ApiException.badRequest("sn", "a terminal serial number is required");
        }
        Object at = body.get("at");
        LocalDateTime when = at == null
                ? null
                : SimTime.parseDateTime(String.valueOf(at))
                        .orElseThrow(() -> ApiException.badRequest("at", "a time as yyyy-MM-dd HH:mm:ss"));
        return terminals.seen(text.trim(), when).orElseThrow(ApiException::notFound);
    }

    @GetMapping("/stats")
    Stats stats() {
        return new Stats(
                employees.size(),
                transactions.size(),
                manualLogs.size(),
                stats.logins(),
                stats.failedLogins(),
                stats.requests(),
                stats.requestsByEndpoint(),
                stats.requestsPerSecond(),
                stats.maxRequestsPerSecond(),
                stats.inFlight(),
                stats.inFlightMax(),
                transactions.refusedByKey() + manualLogs.duplicatesRefused());
    }

    /** Zeroes the request and login counters (and inFlightMax) without touching data, tokens or faults. */
    @PostMapping("/stats/reset")
    ResponseEntity<Void> resetStats() {
        stats.reset();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/reset")
    ResponseEntity<Void> reset() {
        reset.resetAll();
        return ResponseEntity.noContent().build();
    }

    /** Simulates token expiry: clients must log in again. */
    @PostMapping("/revoke-tokens")
    Map<String, Integer> revokeTokens() {
        return Map.of("revoked", tokens.revokeAll());
    }
}
