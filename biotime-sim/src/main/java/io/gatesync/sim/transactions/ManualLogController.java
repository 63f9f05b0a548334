package io.gatesync.sim.transactions;

import java.time.LocalDateTime;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.personnel.Employee;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.SimTime;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The "manual-log" push channel: keyed by the employee's BioTime id; only POST works on 8.x. */
@RestController
class ManualLogController {

    private final ManualLogStore logs;
    private final TransactionStore transactions;
    private final EmployeeStore employees;

    ManualLogController(ManualLogStore logs, TransactionStore transactions, EmployeeStore employees) {
        this.logs = logs;
        this.transactions = transactions;
        this.employees = employees;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ManualLogView(long id, long employee, String punchTime, int punchState, String workCode, String applyReason) {
    }

    @PostMapping("/att/api/manuallogs/")
    ResponseEntity<ManualLogView> create(@RequestBody(required = false) Map<String, Object> body) {
        BodyReader r = new BodyReader(body);
        Long employeeId = r.pk("employee", true, employees::exists);
        LocalDateTime punchTime = r.dateTime("punch_time", true);
        Integer punchState = r.intChoice("punch_state", true, TransactionService.PUNCH_STATES, null);
        String workCode = r.string("work_code", false, 0);
        String applyReason = r.string("apply_reason", false, 0);
        r.throwIfErrors();

        // the employee may have been deleted since validation; then the punch keeps no code, like an orphan row
        String empCode = employees.get(employeeId).map(Employee::empCode).orElse(null);
        Transaction t = transactions.add(new NewPunch(empCode, punchTime, punchState, 0, workCode, "", null,
                Transaction.Source.MANUAL_LOG));
        ManualLog log = new ManualLog(logs.nextId(), employeeId, punchTime, punchState,
                workCode == null ? "" : workCode, applyReason, t.id());
        logs.put(log);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ManualLogView(log.id(), log.employee(),
                SimTime.format(log.punchTime()), log.punchState(), log.workCode(), log.applyReason()));
    }

    /** Listing manual logs fails with a Django 500 page on the 8.x build that was tested live. */
    @GetMapping("/att/api/manuallogs/")
    ResponseEntity<String> list() {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.TEXT_HTML)
                .body("<h1>Server Error (500)</h1>");
    }
}
