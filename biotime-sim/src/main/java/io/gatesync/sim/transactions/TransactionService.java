package io.gatesync.sim.transactions;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

import io.gatesync.sim.faults.FaultSettings.InsertWhilePaging;
import io.gatesync.sim.personnel.Department;
import io.gatesync.sim.personnel.DepartmentStore;
import io.gatesync.sim.personnel.Employee;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.personnel.Position;
import io.gatesync.sim.personnel.PositionStore;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.SimTime;

/** Transaction validation, list filtering/ordering and the read shape. */
@Service
public class TransactionService {

    static final Set<Integer> PUNCH_STATES = Set.of(0, 1, 2, 3, 4, 5);

    private static final List<String> PUNCH_STATE_NAMES =
            List.of("Check In", "Check Out", "Break Out", "Break In", "Overtime In", "Overtime Out");
    private static final Map<Integer, String> VERIFY_TYPE_NAMES =
            Map.of(0, "Password", 1, "Fingerprint", 4, "Card", 15, "Face", 25, "Palm");

    private final TransactionStore store;
    private final EmployeeStore employees;
    private final DepartmentStore departments;
    private final PositionStore positions;
    private final Clock clock;

    public TransactionService(TransactionStore store, EmployeeStore employees, DepartmentStore departments,
            PositionStore positions, Clock clock) {
        this.store = store;
        this.employees = employees;
        this.departments = departments;
        this.positions = positions;
        this.clock = clock;
    }

    /** POST /iclock/api/transactions/: emp_code and punch_time required; an unknown emp_code is accepted. */
    public Transaction create(Map<String, Object> body) {
        BodyReader r = new BodyReader(body);
        String empCode = r.string("emp_code", true, 0);
        LocalDateTime punchTime = r.dateTime("punch_time", true);
        Integer punchState = r.intChoice("punch_state", false, PUNCH_STATES, 0);
        Integer verifyType = r.integer("verify_type", 0);
        String terminalSn = r.string("terminal_sn", false, 0);
        String terminalAlias = r.string("terminal_alias", false, 0);
        String workCode = r.string("work_code", false, 0);
        r.throwIfErrors();
        return store.add(new NewPunch(empCode, punchTime, punchState, verifyType, workCode, terminalSn,
                terminalAlias, Transaction.Source.API));
    }

    /**
     * Filters emp_code, terminal_sn, terminal_alias (exact), start_time/end_time (inclusive, on punch_time;
     * an unparsable bound gives an empty list, not an error), and ordering (unknown fields ignored; default id).
     */
    public List<Transaction> search(MultiValueMap<String, String> q) {
        Predicate<Transaction> filter = t -> true;
        filter = filter.and(equal(q.getFirst("emp_code"), Transaction::empCode));
        filter = filter.and(equal(q.getFirst("terminal_sn"), Transaction::terminalSn));
        filter = filter.and(equal(q.getFirst("terminal_alias"), Transaction::terminalAlias));
        String start = q.getFirst("start_time");
        if (notEmpty(start)) {
            Optional<LocalDateTime> from = SimTime.parseFilterBound(start);
            if (from.isEmpty()) {
                return List.of();
            }
            filter = filter.and(t -> !t.punchTime().isBefore(from.get()));
        }
        String end = q.getFirst("end_time");
        if (notEmpty(end)) {
            Optional<LocalDateTime> to = SimTime.parseFilterBound(end);
            if (to.isEmpty()) {
                return List.of();
            }
            filter = filter.and(t -> !t.punchTime().isAfter(to.get()));
        }
        return store.all().stream().filter(filter).sorted(ordering(q.getFirst("ordering"))).toList();
    }

    /**
     * Adds the armed punches as device punches; fields left null come from the request's filters (see
     * {@link InsertWhilePaging}), so the rows land inside the list being paged, ahead of its rows by punch time.
     */
    public List<Transaction> insertWhilePaging(InsertWhilePaging insert, MultiValueMap<String, String> q) {
        String empCode = insert.empCode() != null ? insert.empCode()
                : notEmpty(q.getFirst("emp_code")) ? q.getFirst("emp_code") : "SIM-INSERTED";
        String terminalSn = insert.terminalSn() != null ? insert.terminalSn()
                : notEmpty(q.getFirst("terminal_sn")) ? q.getFirst("terminal_sn") : "SIM0000001";
        LocalDateTime punchTime = insert.punchTime() != null ? insert.punchTime() : aheadOf(q);
        List<Transaction> added = new ArrayList<>();
        for (int i = 0; i < insert.count(); i++) {
            added.add(store.add(NewPunch.device(empCode, punchTime, 0, terminalSn)));
        }
        return added;
    }

    /** One second before the earliest punch the request lists, but not before its start_time. */
    private LocalDateTime aheadOf(MultiValueMap<String, String> q) {
        Optional<LocalDateTime> start = notEmpty(q.getFirst("start_time"))
                ? SimTime.parseFilterBound(q.getFirst("start_time")) : Optional.empty();
        Optional<LocalDateTime> earliest = search(q).stream().map(Transaction::punchTime).min(Comparator.naturalOrder());
        LocalDateTime t = earliest.map(e -> e.minusSeconds(1))
                .orElseGet(() -> start.orElse(LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)));
        return start.isPresent() && t.isBefore(start.get()) ? start.get() : t;
    }

    public TransactionView view(Transaction t) {
        Optional<Employee> e = employees.byCode(t.empCode());
        String department = e.flatMap(x -> departments.get(x.departmentId())).map(Department::deptName).orElse(null);
        String position = e.map(Employee::positionId).flatMap(positions::get).map(Position::positionName).orElse(null);
        int state = t.punchState();
        return new TransactionView(t.id(), t.empCode(), e.map(Employee::firstName).orElse(null),
                e.map(Employee::lastName).orElse(null), department, position, SimTime.format(t.punchTime()),
                String.valueOf(state), state >= 0 && state < PUNCH_STATE_NAMES.size() ? PUNCH_STATE_NAMES.get(state) : "Unknown",
                t.verifyType(), VERIFY_TYPE_NAMES.getOrDefault(t.verifyType(), "Other"), t.workCode(), "", null,
                t.terminalSn(), 0.0, t.terminalAlias(), SimTime.format(t.uploadTime()));
    }

    private static Comparator<Transaction> ordering(String ordering) {
        Map<String, Comparator<Transaction>> fields = Map.of(
                "id", Comparator.comparingLong(Transaction::id),
                "punch_time", Comparator.comparing(Transaction::punchTime),
                "upload_time", Comparator.comparing(Transaction::uploadTime),
                "emp_code", Comparator.comparing(Transaction::empCode),
                "terminal_sn", Comparator.comparing(Transaction::terminalSn),
                "punch_state", Comparator.comparingInt(Transaction::punchState));
        Comparator<Transaction> order = null;
        if (ordering != null) {
            for (String token : ordering.split(",")) {
                String f = token.trim();
                boolean desc = f.startsWith("-");
                Comparator<Transaction> c = fields.get(desc ? f.substring(1) : f); // unknown fields are ignored
                if (c != null) {
                    c = desc ? c.reversed() : c;
                    order = order == null ? c : order.thenComparing(c);
                }
            }
        }
        Comparator<Transaction> byId = Comparator.comparingLong(Transaction::id);
        return order == null ? byId : order.thenComparing(byId);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty(); // django-filter skips empty values
    }

    private static Predicate<Transaction> equal(String value, java.util.function.Function<Transaction, String> field) {
        return notEmpty(value) ? t -> value.equals(field.apply(t)) : t -> true;
    }
}
