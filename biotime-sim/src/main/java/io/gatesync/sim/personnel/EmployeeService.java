package io.gatesync.sim.personnel;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.SimProperties.Language;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.Filters;
import io.gatesync.sim.web.OrderingFilter;
import io.gatesync.sim.web.SimTime;

/** Employee validation (DRF serializer rules), writes, list filtering and the read shape. */
@Service
public class EmployeeService {

    static final String DUPLICATE_EN = "Employee code already exists.";
    static final String DUPLICATE_ZH = "员工编号已存在";

    private final EmployeeStore employees;
    private final DepartmentStore departments;
    private final AreaStore areas;
    private final PositionStore positions;
    private final SimProperties props;
    private final Clock clock;

    public EmployeeService(
            EmployeeStore employees,
            DepartmentStore departments,
            AreaStore areas,
            PositionStore positions,
            SimProperties props,
            Clock clock) {
        this.employees = employees;
        this.departments = departments;
        this.areas = areas;
        this.positions = positions;
        this.props = props;
        this.clock = clock;
    }

    public Employee create(Map<String, Object> body, Language language) {
        synchronized (employees.lock()) {
            LocalDate today = LocalDate.now(clock);
            Employee blank = new Employee(
                    0, null, null, null, null, null, null, 0, null, List.of(), today, null, null, null, null, null, 0,
                    null, true);
            return employees.insert(merge(blank, body, true, language));
        }
    }

    /** PUT ({@code partial} false: emp_code, department and area required) or PATCH (only given fields change). */
    public Employee update(long id, Map<String, Object> body, boolean partial, Language language) {
        synchronized (employees.lock()) {
            Employee current = employees.get(id).orElseThrow(ApiException::notFound);
            return employees.replace(merge(current, body, !partial, language));
        }
    }

    /**
     * Validates {@code body} over {@code base}. As in DRF, absent optional fields keep their value even on PUT;
     * unknown fields are ignored; all field errors are reported together.
     */
    private Employee merge(Employee base, Map<String, Object> body, boolean full, Language language) {
        BodyReader r = new BodyReader(body);
        String empCode = full || r.has("emp_code") ? r.string("emp_code", true, 0) : base.empCode();
        Long department = full || r.has("department")
                ? r.pk("department", true, departments::exists)
                : (Long) base.departmentId();
        List<Long> area = full || r.has("area") ? r.pkList("area", true, areas::exists) : base.areaIds();
        Long position = r.has("position") ? r.pk("position", false, positions::exists) : base.positionId();
        String firstName = r.has("first_name") ? r.string("first_name", false, 25) : base.firstName();
        String lastName = r.has("last_name") ? r.string("last_name", false, 25) : base.lastName();
        String nickname = r.has("nickname") ? r.string("nickname", false, 25) : base.nickname();
        String cardNo = r.has("card_no") ? r.string("card_no", false, 20) : base.cardNo();
        String devicePassword =
                r.has("device_password") ? r.string("device_password", false, 20) : base.devicePassword();
        String mobile = r.has("mobile") ? r.string("mobile", false, 20) : base.mobile();
        String email = r.has("email") ? r.email("email", 50) : base.email();
        String national = r.has("national") ? r.string("national", false, 50) : base.national();
        String address = r.has("address") ? r.string("address", false, 200) : base.address();
        String gender = r.has("gender") ? r.stringChoice("gender", Set.of("S", "F", "M")) : base.gender();
        LocalDate hireDate = r.has("hire_date") && Objects.nonNull(body.get("hire_date"))
                ? r.date("hire_date", false)
                : base.hireDate();
        Integer appStatus = r.intChoice("app_status", false, Set.of(0, 1), base.appStatus());

        if (empCode != null && !r.hasError("emp_code")) {
            employees
                    .byCode(empCode)
                    .filter(other -> other.id() != base.id())
                    .ifPresent(other -> r.error("emp_code", language == Language.ZH ? DUPLICATE_ZH : DUPLICATE_EN));
        }
        r.throwIfErrors();
        return new Employee(
                base.id(),
                empCode,
                firstName,
                lastName,
                nickname,
                cardNo,
                devicePassword,
                department,
                position,
                area,
                hireDate,
                gender,
                mobile,
                email,
                national,
                address,
                appStatus,
                LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS),
                base.enableAtt());
    }

    /**
     * The list, filtered and ordered as the real API does. Filters: emp_code (exact or prefix per
     * {@code sim.emp-code-match}), emp_code_icontains, first_name, last_name (and _icontains), department, areas.
     * Bad filter values give an empty list; unknown parameters are ignored.
     */
    public List<Employee> search(MultiValueMap<String, String> q) {
        Predicate<Employee> filter = e -> true;
        String code = q.getFirst("emp_code");
        if (notEmpty(code)) {
            filter = filter.and(
                    props.empCodeMatch() == SimProperties.EmpCodeMatch.EXACT
                            ? e -> e.empCode().equals(code)
                            : e -> e.empCode().startsWith(code));
        }
        filter = filter.and(Filters.contains(q.getFirst("emp_code_icontains"), Employee::empCode));
        filter = filter.and(Filters.equal(q.getFirst("first_name"), Employee::firstName));
        filter = filter.and(Filters.equal(q.getFirst("last_name"), Employee::lastName));
        filter = filter.and(Filters.contains(q.getFirst("first_name_icontains"), Employee::firstName));
        filter = filter.and(Filters.contains(q.getFirst("last_name_icontains"), Employee::lastName));
        String department = q.getFirst("department");
        if (notEmpty(department)) {
            Long id = parseId(department);
            filter = filter.and(e -> id != null && e.departmentId() == id);
        }
        String area = q.getFirst("areas");
        if (notEmpty(area)) {
            Long id = parseId(area);
            filter = filter.and(e -> id != null && e.areaIds().contains(id));
        }
        return employees.all().stream()
                .filter(filter)
                .sorted(ordering(q.getFirst("ordering")))
                .toList();
    }

    public EmployeeView view(Employee e) {
        var department = departments
                .get(e.departmentId())
                .map(d -> new EmployeeView.DepartmentRef(d.id(), d.deptCode(), d.deptName()))
                .orElse(null);
        var position = e.positionId() == null
                ? null
                : positions
                        .get(e.positionId())
                        .map(p -> new EmployeeView.PositionRef(p.id(), p.positionCode(), p.positionName()))
                        .orElse(null);
        var area = e.areaIds().stream()
                .flatMap(id -> areas.get(id).stream())
                .map(AreaRef::of)
                .toList();
        return new EmployeeView(
                e.id(),
                e.empCode(),
                e.firstName(),
                e.lastName(),
                e.nickname(),
                e.devicePassword(),
                e.cardNo(),
                department,
                position,
                SimTime.format(e.hireDate()),
                e.gender(),
                null,
                0,
                null,
                null,
                null,
                e.mobile(),
                e.national(),
                null,
                e.address(),
                null,
                e.email(),
                "",
                null,
                null,
                e.enableAtt(),
                false,
                true,
                0,
                area,
                e.appStatus(),
                1,
                SimTime.format(e.updateTime()),
                "-",
                "-",
                "-",
                "-");
    }

    private static Comparator<Employee> ordering(String ordering) {
        return OrderingFilter.of(
                ordering,
                Map.of(
                        "id", Comparator.comparingLong(Employee::id),
                        "emp_code", Comparator.comparing(Employee::empCode),
                        "first_name", nullsFirst(Employee::firstName),
                        "last_name", nullsFirst(Employee::lastName),
                        "hire_date", nullsFirst(Employee::hireDate),
                        "update_time", nullsFirst(Employee::updateTime)),
                Comparator.comparingLong(Employee::id));
    }

    private static <U extends Comparable<? super U>> Comparator<Employee> nullsFirst(Function<Employee, U> field) {
        return Comparator.comparing(field, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty(); // django-filter skips empty values
    }

    private static Long parseId(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
