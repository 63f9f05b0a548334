package io.gatesync.sim.transactions;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

import io.gatesync.sim.SimProperties.Rules;
import io.gatesync.sim.faults.FaultSettings.InsertWhilePaging;
import io.gatesync.sim.personnel.Area;
import io.gatesync.sim.personnel.AreaStore;
import io.gatesync.sim.personnel.Department;
import io.gatesync.sim.personnel.DepartmentStore;
import io.gatesync.sim.personnel.Employee;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.personnel.Position;
import io.gatesync.sim.personnel.PositionStore;
import io.gatesync.sim.rules.SimRules;
import io.gatesync.sim.terminals.Terminal;
import io.gatesync.sim.terminals.TerminalStore;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.Filters;
import io.gatesync.sim.web.OrderingFilter;
import io.gatesync.sim.web.SimTime;

/** Transaction validation, list filtering/ordering and the read shape. */
@Service
public class TransactionService {

    /** 0 Check In … 5 Overtime Out, and 255 from terminals that do not track direction. */
    static final Set<Integer> PUNCH_STATES = Set.of(0, 1, 2, 3, 4, 5, 255);
    /** DRF's UniqueTogetherValidator text for the table's (emp_code, punch_time) key. */
    public static final String UNIQUE_SET = "The fields emp_code, punch_time must make a unique set.";

    private static final List<String> PUNCH_STATE_NAMES =
            List.of("Check In", "Check Out", "Break Out", "Break In", "Overtime In", "Overtime Out");
    private static final Map<Integer, String> VERIFY_TYPE_NAMES =
            Map.of(0, "Password", 1, "Fingerprint", 4, "Card", 15, "Face", 25, "Palm");

    private final TransactionStore store;
    private final EmployeeStore employees;
    private final DepartmentStore departments;
    private final PositionStore positions;
    private final AreaStore areas;
    private final TerminalStore terminals;
    private final SimRules rules;
    private final Clock clock;
    /** The last few list reads, by their filters, ordering and the store's version. */
    private final Map<String, List<Transaction>> lists =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Transaction>> eldest) {
                    return size() > 8;
                }
            });

    public TransactionService(
            TransactionStore store,
            EmployeeStore employees,
            DepartmentStore departments,
            PositionStore positions,
            AreaStore areas,
            TerminalStore terminals,
            SimRules rules,
            Clock clock) {
        this.store = store;
        this.employees = employees;
        this.departments = departments;
        this.positions = positions;
        this.areas = areas;
        this.terminals = terminals;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * POST /iclock/api/transactions/ (undocumented; 8.x accepts it). emp_code and punch_time are required; {@code emp}
     * links the punch to its employee (without it the punch stays unlinked unless the rules say BioTime fills it from
     * emp_code); {@code terminal} is a terminal id, whose serial number, alias and area the punch then carries.
     * {@code source} and {@code purpose} are accepted as devices send them. A second punch of the person in the
     * same second is DRF's unique-together 400.
     */
    public Transaction create(Map<String, Object> body) {
        Rules current = rules.current();
        if (current.transactionPost() == Rules.TransactionPost.REFUSE) {
            throw new ApiException(HttpStatus.METHOD_NOT_ALLOWED, Map.of("detail", "Method \"POST\" not allowed."));
        }
        BodyReader r = new BodyReader(body);
        String empCode = r.string("emp_code", true, 20);
        Long emp = r.pk("emp", false, employees::exists);
        LocalDateTime punchTime = r.dateTime("punch_time", true);
        Integer punchState = r.intChoice("punch_state", false, PUNCH_STATES, 0);
        Integer verifyType = r.integer("verify_type", 0);
        String terminalSn = r.string("terminal_sn", false, 50);
        String terminalAlias = r.string("terminal_alias", false, 50);
        Long terminalId = r.pk("terminal", false, terminals::exists);
        String workCode = r.string("work_code", false, 20);
        LocalDateTime uploadTime =
                r.has("upload_time") && body.get("upload_time") != null ? r.dateTime("upload_time", false) : null;
        r.integer("source", 0);
        r.integer("purpose", 0);
        r.throwIfErrors();
        if (current.postedEmp() == Rules.PostedEmp.IGNORED) {
            emp = null;
        } else if (emp == null && current.postedEmp() == Rules.PostedEmp.FROM_EMP_CODE) {
            emp = employees.byCode(empCode).map(Employee::id).orElse(null);
        }
        String areaAlias = null;
        if (terminalId != null) {
            Terminal terminal = terminals.get(terminalId).orElseThrow();
            terminalSn = terminal.sn();
            terminalAlias = terminal.alias();
            areaAlias = areas.get(terminal.areaId()).map(Area::areaName).orElse(null);
        }
        return store.add(new NewPunch(
                        empCode,
                        emp,
                        punchTime,
                        punchState,
                        verifyType,
                        workCode,
                        terminalId,
                        terminalSn,
                        terminalAlias,
                        areaAlias,
                        uploadTime,
                        Transaction.Source.API))
                .orElseThrow(() -> ApiException.badRequest("non_field_errors", UNIQUE_SET));
    }

    /**
     * Filters emp_code, terminal_sn, terminal_alias (exact), start_time/end_time (inclusive, on punch_time;
     * an unparsable bound gives an empty list, not an error), and ordering (unknown fields ignored; default id; all
     * of it ignored when the rules say so).
     */
    public List<Transaction> search(MultiValueMap<String, String> q) {
        Predicate<Transaction> filter = t -> true;
        filter = filter.and(Filters.equal(q.getFirst("emp_code"), Transaction::empCode));
        filter = filter.and(Filters.equal(q.getFirst("terminal_sn"), Transaction::terminalSn));
        filter = filter.and(Filters.equal(q.getFirst("terminal_alias"), Transaction::terminalAlias));
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
        String ordering = rules.current().ordering() == Rules.Ordering.HONOURED ? q.getFirst("ordering") : null;
        // A client pages through one list: its pages are cut from one filtered, sorted list while nothing changes
        // (a real BioTime reads each page through its indexes; sorting every row again per page was the sim's cost)
        String key = store.version() + "|" + q.getFirst("emp_code") + "|" + q.getFirst("terminal_sn") + "|"
                + q.getFirst("terminal_alias") + "|" + start + "|" + end + "|" + ordering;
        List<Transaction> cached = lists.get(key);
        if (cached != null) {
            return cached;
        }
        Predicate<Transaction> matches = filter;
        List<Transaction> rows =
                store.stream().filter(matches).sorted(ordering(ordering)).toList();
        lists.put(key, rows);
        return rows;
    }

    /**
     * Adds the armed punches as device punches; fields left null come from the request's filters (see
     * {@link InsertWhilePaging}), so the rows land inside the list being paged, ahead of its rows by punch time.
     */
    public List<Transaction> insertWhilePaging(InsertWhilePaging insert, MultiValueMap<String, String> q) {
        String empCode = insert.empCode() != null
                ? insert.empCode()
                : notEmpty(q.getFirst("emp_code")) ? q.getFirst("emp_code") : "SIM-INSERTED";
        String terminalSn = insert.terminalSn() != null
                ? insert.terminalSn()
                : notEmpty(q.getFirst("terminal_sn")) ? q.getFirst("terminal_sn") : "SIM0000001";
        LocalDateTime punchTime = insert.punchTime() != null ? insert.punchTime() : aheadOf(q);
        List<Transaction> added = new ArrayList<>();
        Long emp = employees.byCode(empCode).map(Employee::id).orElse(null);
        // one person has at most one punch a second: each row takes the first free second from punchTime on
        for (int i = 0; i < insert.count(); i++) {
            Optional<Transaction> row = Optional.empty();
            while (row.isEmpty()) {
                if (store.at(empCode, punchTime).isEmpty()) {
                    row = store.add(NewPunch.device(empCode, emp, punchTime, 0, terminalSn));
                }
                punchTime = punchTime.plusSeconds(1);
            }
            added.add(row.get());
        }
        return added;
    }

    /** One second before the earliest punch the request lists, but not before its start_time. */
    private LocalDateTime aheadOf(MultiValueMap<String, String> q) {
        Optional<LocalDateTime> start = notEmpty(q.getFirst("start_time"))
                ? SimTime.parseFilterBound(q.getFirst("start_time"))
                : Optional.empty();
        Optional<LocalDateTime> earliest =
                search(q).stream().map(Transaction::punchTime).min(Comparator.naturalOrder());
        LocalDateTime t = earliest.map(e -> e.minusSeconds(1))
                .orElseGet(() -> start.orElse(LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)));
        return start.isPresent() && t.isBefore(start.get()) ? start.get() : t;
    }

    /** The list/read shape; the punch state as a string or a number, and its display, as the rules say. */
    public TransactionView view(Transaction t) {
        Optional<Employee> e = employees.byCode(t.empCode());
        String department = e.flatMap(x -> departments.get(x.departmentId()))
                .map(Department::deptName)
                .orElse(null);
        String position = e.map(Employee::positionId)
                .flatMap(positions::get)
                .map(Position::positionName)
                .orElse(null);
        Rules current = rules.current();
        int state = t.punchState();
        Object punchState =
                current.punchStateType() == Rules.PunchStateType.NUMBER ? (Object) state : String.valueOf(state);
        String display =
                current.punchStateDisplay() == Rules.PunchStateDisplay.CODE ? String.valueOf(state) : stateName(state);
        return new TransactionView(
                t.id(),
                t.emp(),
                t.empCode(),
                e.map(Employee::firstName).orElse(null),
                e.map(Employee::lastName).orElse(null),
                department,
                position,
                SimTime.format(t.punchTime()),
                punchState,
                display,
                t.verifyType(),
                VERIFY_TYPE_NAMES.getOrDefault(t.verifyType(), "Other"),
                t.workCode(),
                "",
                t.areaAlias(),
                t.terminalSn(),
                0.0,
                "-",
                t.terminalAlias(),
                SimTime.format(t.uploadTime()));
    }

    /** BioTime's name of a punch state: 0–5 by name, 255 (and anything else) "Unknown". */
    public static String stateName(int state) {
        return state >= 0 && state < PUNCH_STATE_NAMES.size() ? PUNCH_STATE_NAMES.get(state) : "Unknown";
    }

    private static Comparator<Transaction> ordering(String ordering) {
        return OrderingFilter.of(
                ordering,
                Map.of(
                        "id", Comparator.comparingLong(Transaction::id),
                        "punch_time", Comparator.comparing(Transaction::punchTime),
                        "upload_time", Comparator.comparing(Transaction::uploadTime),
                        "emp_code", Comparator.comparing(Transaction::empCode),
                        "terminal_sn", Comparator.comparing(Transaction::terminalSn),
                        "punch_state", Comparator.comparingInt(Transaction::punchState)),
                Comparator.comparingLong(Transaction::id));
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty(); // django-filter skips empty values
    }
}
