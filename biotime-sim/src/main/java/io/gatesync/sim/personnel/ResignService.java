package io.gatesync.sim.personnel;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Service;

import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.SimTime;

/**
 * Resignations as biotime-api.md §3 describes them: the resource {@code /personnel/api/resigns/} (CRUD plus
 * {@code reinstatement/}) and the employees' {@code adjust_regsin/} action. A resigned employee stays in the
 * employee list; with {@code disableatt} their {@code enable_att} turns false (terminals stop taking them).
 * Reinstatement deletes the resignation and turns attendance on again. An employee has at most one resignation.
 * A resigned employee's punches are still accepted (by the transaction API and ADMS): biotime-real-evidence.md says
 * nothing of how the real server treats them.
 * The exact request shapes of the real server beyond the docs' table are unconfirmed: {@code employee} (an id) on
 * create, {@code resigns} (resignation ids) on reinstatement, as DRF bulk actions take them.
 */
@Service
public class ResignService {

    static final Set<Integer> RESIGN_TYPES = Set.of(1, 2, 3, 4, 5);

    private final ConcurrentSkipListMap<Long, Resign> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final EmployeeStore employees;
    private final Clock clock;

    public ResignService(EmployeeStore employees, Clock clock) {
        this.employees = employees;
        this.clock = clock;
    }

    /** {@code POST /personnel/api/resigns/}: {@code {employee, resign_date?, resign_type?, reason?, disableatt?}}. */
    public Resign create(Map<String, Object> body) {
        synchronized (employees.lock()) {
            BodyReader r = new BodyReader(body);
            Long employee = r.pk("employee", true, employees::exists);
            Params p = params(r);
            if (employee != null && byEmployee(employee).isPresent()) {
                r.error("employee", "This employee has resigned already.");
            }
            r.throwIfErrors();
            return resign(employee, p);
        }
    }

    /** {@code POST /personnel/api/employees/adjust_regsin/}: the same for each of {@code employees}. */
    public List<Resign> adjust(Map<String, Object> body) {
        synchronized (employees.lock()) {
            BodyReader r = new BodyReader(body);
            List<Long> ids = r.pkList("employees", true, employees::exists);
            Params p = params(r);
            r.throwIfErrors();
            List<Resign> made = new ArrayList<>();
            for (long id : ids) {
                made.add(byEmployee(id).orElseGet(() -> resign(id, p)));
            }
            return made;
        }
    }

    /** {@code POST /personnel/api/resigns/reinstatement/}: {@code {resigns: [ids]}}. */
    public void reinstate(Map<String, Object> body) {
        synchronized (employees.lock()) {
            BodyReader r = new BodyReader(body);
            List<Long> ids = r.pkList("resigns", true, byId::containsKey);
            r.throwIfErrors();
            ids.forEach(this::remove);
        }
    }

    /** {@code DELETE /personnel/api/resigns/{id}/}: as a reinstatement of that one. */
    public boolean delete(long id) {
        synchronized (employees.lock()) {
            return remove(id);
        }
    }

    public Optional<Resign> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Resign> byEmployee(long employeeId) {
        return byId.values().stream().filter(x -> x.employeeId() == employeeId).findFirst();
    }

    /** Filters {@code employee} (id) and {@code emp_code}; a bad value gives an empty list. */
    public List<Resign> search(String employee, String empCode) {
        return byId.values().stream()
                .filter(x -> employee == null
                        || employee.isEmpty()
                        || employee.trim().equals(String.valueOf(x.employeeId())))
                .filter(x -> empCode == null
                        || empCode.isEmpty()
                        || employees
                                .get(x.employeeId())
                                .map(e -> empCode.equals(e.empCode()))
                                .orElse(false))
                .toList();
    }

    public ResignView view(Resign x) {
        ResignView.EmployeeRef employee = employees
                .get(x.employeeId())
                .map(e -> new ResignView.EmployeeRef(e.id(), e.empCode(), e.firstName(), e.lastName()))
                .orElse(new ResignView.EmployeeRef(x.employeeId(), null, null, null));
        return new ResignView(
                x.id(), employee, SimTime.format(x.resignDate()), x.resignType(), x.reason(), x.disableAtt());
    }

    public void clear() {
        byId.clear();
        nextId.set(1);
    }

    private record Params(LocalDate date, int type, String reason, boolean disableAtt) {}

    private Params params(BodyReader r) {
        LocalDate date = r.has("resign_date") ? r.date("resign_date", false) : null;
        Integer type = r.intChoice("resign_type", false, RESIGN_TYPES, 1);
        String reason = r.has("reason") ? r.string("reason", false, 200) : null;
        Object disable = r.has("disableatt") ? r.raw("disableatt") : Boolean.TRUE;
        boolean disableAtt = Boolean.TRUE.equals(disable)
                || "true".equals(String.valueOf(disable))
                || "1".equals(String.valueOf(disable));
        return new Params(
                date == null ? LocalDate.now(clock) : date,
                type == null ? 1 : type,
                reason == null ? "" : reason,
                disableAtt);
    }

    private Resign resign(long employeeId, Params p) {
        Resign made = new Resign(nextId.getAndIncrement(), employeeId, p.date(), p.type(), p.reason(), p.disableAtt());
        byId.put(made.id(), made);
        if (p.disableAtt()) {
            employees.get(employeeId).ifPresent(e -> employees.replace(e.withEnableAtt(false, now())));
        }
        return made;
    }

    private boolean remove(long id) {
        Resign gone = byId.remove(id);
        if (gone == null) {
            return false;
        }
        employees.get(gone.employeeId()).ifPresent(e -> employees.replace(e.withEnableAtt(true, now())));
        return true;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
