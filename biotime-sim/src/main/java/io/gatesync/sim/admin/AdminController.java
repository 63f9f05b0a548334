package io.gatesync.sim.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.auth.TokenStore;
import io.gatesync.sim.personnel.EmployeeService;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.personnel.EmployeeView;
import io.gatesync.sim.transactions.ManualLogStore;
import io.gatesync.sim.transactions.NewPunch;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionService;
import io.gatesync.sim.transactions.TransactionStore;
import io.gatesync.sim.transactions.TransactionView;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;

/** Inspection and control for tests; no authentication and no faults (not part of the BioTime API). */
@RestController
@RequestMapping("/sim")
class AdminController {

    private final EmployeeStore employees;
    private final EmployeeService employeeService;
    private final TransactionStore transactions;
    private final TransactionService transactionService;
    private final ManualLogStore manualLogs;
    private final TokenStore tokens;
    private final SimStats stats;
    private final SimReset reset;

    AdminController(EmployeeStore employees, EmployeeService employeeService, TransactionStore transactions,
            TransactionService transactionService, ManualLogStore manualLogs, TokenStore tokens, SimStats stats,
            SimReset reset) {
        this.employees = employees;
        this.employeeService = employeeService;
        this.transactions = transactions;
        this.transactionService = transactionService;
        this.manualLogs = manualLogs;
        this.tokens = tokens;
        this.stats = stats;
        this.reset = reset;
    }

    record Stats(long employees, long transactions, long manualLogs, long logins, long failedLogins, long requests,
            Map<String, Long> requestsByEndpoint, SortedMap<Long, Long> requestsPerSecond, long maxRequestsPerSecond,
            long inFlight, long inFlightMax) {
    }

    @GetMapping("/employees")
    List<EmployeeView> employees() {
        return employees.all().stream().map(employeeService::view).toList();
    }

    /** All punches in id order, optionally only those from one channel ({@code ?source=ADMS}). */
    @GetMapping("/transactions")
    List<TransactionView> transactions(@RequestParam(required = false) Transaction.Source source) {
        return transactions.all().stream().filter(t -> source == null || t.source() == source)
                .map(transactionService::view).toList();
    }

    /**
     * Injects punches as if a terminal had delivered them: {@code [{"emp_code","punch_time","punch_state"?,
     * "terminal_sn"?,"verify_type"?}]}. All or nothing: any invalid item gives a 400 with one error object per item.
     */
    @PostMapping("/transactions")
    ResponseEntity<List<TransactionView>> inject(@RequestBody List<Map<String, Object>> punches) {
        List<NewPunch> parsed = new ArrayList<>();
        List<Map<String, List<String>>> errors = new ArrayList<>();
        for (Map<String, Object> item : punches) {
            BodyReader r = new BodyReader(item);
            String empCode = r.string("emp_code", true, 0);
            var punchTime = r.dateTime("punch_time", true);
            Integer punchState = r.integer("punch_state", 0);
            Integer verifyType = r.integer("verify_type", 1);
            String terminalSn = r.string("terminal_sn", false, 0);
            errors.add(r.errors());
            if (r.errors().isEmpty()) {
                parsed.add(new NewPunch(empCode, punchTime, punchState, verifyType, "",
                        terminalSn == null || terminalSn.isEmpty() ? "SIM0000001" : terminalSn, null,
                        Transaction.Source.INJECTED));
            }
        }
        if (parsed.size() != punches.size()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors);
        }
        List<TransactionView> created = parsed.stream().map(transactions::add).map(transactionService::view).toList();
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/stats")
    Stats stats() {
        return new Stats(employees.size(), transactions.size(), manualLogs.size(), stats.logins(),
                stats.failedLogins(), stats.requests(), stats.requestsByEndpoint(), stats.requestsPerSecond(),
                stats.maxRequestsPerSecond(), stats.inFlight(), stats.inFlightMax());
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
