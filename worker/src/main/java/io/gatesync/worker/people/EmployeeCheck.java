package io.gatesync.worker.people;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.Employee;
import io.gatesync.worker.biotime.ListPage;

/**
 * Reconciliation's look at the employees: every person GateSync linked to a BioTime employee is compared with what
 * BioTime holds now (an employee edited or deleted by hand, a resignation undone). What GateSync owns is compared:
 * the personal fields it sends on every update and whether the employee is resigned; placement (department, position,
 * area) is HR's after the employee is created, so it is not.
 */
@Service
public class EmployeeCheck {

    private final JdbcClient jdbc;
    private final BioTimeClient bioTime;
    private final PersonSync sync;
    private final ZktecoProperties settings;

    public EmployeeCheck(JdbcClient jdbc, BioTimeClient bioTime, PersonSync sync, ZktecoProperties settings) {
        this.jdbc = jdbc;
        this.bioTime = bioTime;
        this.sync = sync;
        this.settings = settings;
    }

    /** A person whose employee differs from them: who, what differs, and whether their leaving is what differs. */
    public record Drift(String cnic, String what, boolean resign) {}

    /** People compared, and those that differ. */
    public record Result(int checked, List<Drift> drifted) {}

    /** Reads BioTime's employees page by page ({@code beforePage} runs before each read) and compares. */
    public Result compare(int pageSize, Runnable beforePage) {
        Map<String, Employee> employees = new HashMap<>();
        long read = 0;
        for (int page = 1; ; page++) {
            beforePage.run();
            ListPage<Employee> rows = bioTime.employees(page, pageSize);
            rows.items().forEach(e -> employees.put(e.empCode(), e));
            read += rows.items().size();
            if (rows.isLast(read)) {
                break;
            }
        }
        List<PersonRow> linked = jdbc.sql("SELECT " + PersonRow.COLUMNS + " FROM people "
                        + "WHERE zkteco_employee_id IS NOT NULL ORDER BY id")
                .query(PersonRow::read)
                .list();
        List<Drift> drifted = new ArrayList<>();
        for (PersonRow person : linked) {
            Employee employee = employees.get(person.cnic());
            if (employee == null) {
                drifted.add(new Drift(
                        person.cnic(), "no employee with emp_code " + person.cnic() + " in BioTime", person.left()));
                continue;
            }
            List<String> differences = new ArrayList<>();
            Map<String, Object> wanted = EmployeeDetails.personal(person, settings);
            differ(differences, "first_name", wanted.get("first_name"), employee.firstName());
            differ(differences, "last_name", wanted.get("last_name"), employee.lastName());
            differ(differences, "mobile", wanted.get("mobile"), employee.mobile());
            differ(differences, "email", wanted.get("email"), employee.email());
            boolean resign = false;
            if (employee.enableAtt() != null && employee.enableAtt() == person.left()) {
                resign = person.left();
                differences.add(
                        person.left()
                                ? "left on " + person.leftOn() + " but takes attendance in BioTime"
                                : "active but resigned in BioTime (attendance disabled)");
            }
            if (!differences.isEmpty()) {
                drifted.add(new Drift(person.cnic(), String.join("; ", differences), resign));
            }
        }
        return new Result(linked.size(), drifted);
    }

    /** Makes the person's employee what GateSync holds again, by the people sync. */
    public void heal(String cnic) {
        sync.sync(cnic);
    }

    private static void differ(List<String> differences, String field, Object wanted, String held) {
        String want = wanted == null ? "" : wanted.toString();
        String have = held == null ? "" : held;
        if (!Objects.equals(want.trim(), have.trim())) {
            differences.add(field + " \"" + have + "\" in BioTime, \"" + want + "\" in GateSync");
        }
    }
}
