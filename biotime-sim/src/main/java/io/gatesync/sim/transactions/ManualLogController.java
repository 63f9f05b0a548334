package io.gatesync.sim.transactions;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.gatesync.sim.SimProperties.Rules;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.rules.SimRules;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.Filters;
import io.gatesync.sim.web.Ids;
import io.gatesync.sim.web.Paginator;
import io.gatesync.sim.web.SimTime;

/**
 * The "manual-log" push channel ({@code /att/api/manuallogs/}, 8.x spelling): keyed by the employee's BioTime id;
 * 201 with the manual log and its id. The list pages (filters employee, emp_code, start_time/end_time on the punch
 * time, approval_status) or answers a Django 500 page, as the rules say: real builds differ.
 */
@RestController
class ManualLogController {

    private final ManualLogService service;
    private final ManualLogStore logs;
    private final EmployeeStore employees;
    private final SimRules rules;
    private final Paginator paginator;

    ManualLogController(
            ManualLogService service,
            ManualLogStore logs,
            EmployeeStore employees,
            SimRules rules,
            Paginator paginator) {
        this.service = service;
        this.logs = logs;
        this.employees = employees;
        this.rules = rules;
        this.paginator = paginator;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ManualLogView(
            long id,
            long employee,
            String empCode,
            String punchTime,
            int punchState,
            String workCode,
            String applyReason,
            String applyTime,
            int approvalStatus) {

        static ManualLogView of(ManualLog l) {
            return new ManualLogView(
                    l.id(),
                    l.employee(),
                    l.empCode(),
                    SimTime.format(l.punchTime()),
                    l.punchState(),
                    l.workCode(),
                    l.applyReason(),
                    SimTime.format(l.applyTime()),
                    l.approval().code());
        }
    }

    @PostMapping("/att/api/manuallogs/")
    ResponseEntity<ManualLogView> create(@RequestBody(required = false) Map<String, Object> body) {
        BodyReader r = new BodyReader(body);
        Long employeeId = r.pk("employee", true, employees::exists);
        LocalDateTime punchTime = r.dateTime("punch_time", true);
        Integer punchState = r.intChoice("punch_state", true, TransactionService.PUNCH_STATES, null);
        String workCode = r.string("work_code", false, 20);
        String applyReason = r.string("apply_reason", false, 0);
        r.throwIfErrors();
        ManualLog log = service.create(employeeId, punchTime, punchState, workCode, applyReason);
        return ResponseEntity.status(HttpStatus.CREATED).body(ManualLogView.of(log));
    }

    @GetMapping("/att/api/manuallogs/")
    ResponseEntity<?> list(ServerHttpRequest request) {
        if (rules.current().manualLogList() == Rules.ManualLogList.ERROR) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .contentType(MediaType.TEXT_HTML)
                    .body("<h1>Server Error (500)</h1>");
        }
        MultiValueMap<String, String> q = request.getQueryParams();
        Predicate<ManualLog> filter = l -> true;
        filter = filter.and(Filters.equal(q.getFirst("employee"), l -> String.valueOf(l.employee())));
        filter = filter.and(Filters.equal(q.getFirst("emp_code"), ManualLog::empCode));
        filter = filter.and(Filters.equal(
                q.getFirst("approval_status"), l -> String.valueOf(l.approval().code())));
        Optional<LocalDateTime> from = bound(q.getFirst("start_time"));
        Optional<LocalDateTime> to = bound(q.getFirst("end_time"));
        if (unreadable(q.getFirst("start_time"), from) || unreadable(q.getFirst("end_time"), to)) {
            return ResponseEntity.ok(paginator.page(List.of(), ManualLogView::of, request, Paginator.NoLink.JSON_NULL));
        }
        filter = filter.and(l -> from.map(f -> !l.punchTime().isBefore(f)).orElse(true)
                && to.map(t -> !l.punchTime().isAfter(t)).orElse(true));
        List<ManualLog> rows = logs.all().stream().filter(filter).toList();
        return ResponseEntity.ok(paginator.page(rows, ManualLogView::of, request, Paginator.NoLink.JSON_NULL));
    }

    @GetMapping("/att/api/manuallogs/{id}/")
    ManualLogView get(@PathVariable String id) {
        return ManualLogView.of(logs.get(Ids.parse(id)).orElseThrow(ApiException::notFound));
    }

    private static Optional<LocalDateTime> bound(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : SimTime.parseFilterBound(value);
    }

    /** A bound given but not readable: the list is then empty, as Django's filters answer a bad value. */
    private static boolean unreadable(String value, Optional<LocalDateTime> parsed) {
        return value != null && !value.isEmpty() && parsed.isEmpty();
    }
}
