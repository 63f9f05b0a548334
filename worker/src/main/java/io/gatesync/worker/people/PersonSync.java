package io.gatesync.worker.people;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.Employee;
import io.gatesync.worker.command.RecordLocks;

/**
 * Makes a person's BioTime employee match the person: update the linked employee, or create one, then resign it
 * (status LEFT) or reinstate it (status ACTIVE after a resignation); if BioTime says
 * the emp_code exists already (HR made it, or another worker just did), find it by exact emp_code, link and
 * update it: "Employee already exists" is a link-and-update, not a failure. No row lock is held during BioTime
 * calls; the row is marked synced only if it did not change meanwhile (a change queues its own sync). One sync of a
 * person at a time, cluster-wide ({@link #LOCK_WAIT_SECONDS}, a named lock): a person's creation sync still running
 * when their leaving's sync resigned them read them as active, and reinstated them after it.
 */
@Service
public class PersonSync {

    private static final Logger log = LoggerFactory.getLogger(PersonSync.class);

    private final JdbcClient jdbc;
    private final BioTimeClient bioTime;
    private final ZktecoProperties settings;
    private final JsonMapper json;
    private final RecordLocks locks;

    /** How long a sync waits for another one of the same person; then it is retried later (LockBusyException). */
    static final int LOCK_WAIT_SECONDS = 20;

    public PersonSync(
            JdbcClient jdbc, BioTimeClient bioTime, ZktecoProperties settings, JsonMapper json, RecordLocks locks) {
        this.locks = locks;
        this.jdbc = jdbc;
        this.bioTime = bioTime;
        this.settings = settings;
        this.json = json;
    }

    /** Syncs the person; returns their BioTime employee id. */
    public long sync(String cnic) {
        return locks.withLock("person:" + cnic, LOCK_WAIT_SECONDS, () -> syncAlone(cnic));
    }

    private long syncAlone(String cnic) {
        PersonRow person = load(cnic)
                .orElseThrow(
                        () -> BioTimeException.permanent("No person with CNIC " + cnic + " in the database", 0, null));
        try {
            Employee employee = upsertEmployee(person);
            Long resignId = makeStatusTrue(person, employee);
            jdbc.sql("UPDATE people SET zkteco_employee_id = ?, zkteco_last_sync = ?, zkteco_sync_error = NULL, "
                            + "zkteco_resigned = ?, zkteco_resign_id = ?, "
                            + "zkteco_synced = CASE WHEN updated_at = ? THEN 1 ELSE zkteco_synced END WHERE id = ?")
                    .params(
                            employee.id(),
                            DbTime.now(),
                            resignId != null,
                            resignId,
                            DbTime.toDb(person.updatedAt()),
                            person.id())
                    .update();
            return employee.id();
        } catch (RuntimeException e) {
            jdbc.sql("UPDATE people SET zkteco_sync_error = ? WHERE id = ?")
                    .params(Texts.truncate(e.getMessage(), 500), person.id())
                    .update();
            throw e;
        }
    }

    /**
     * Makes the person's status true in BioTime: a person who left is resigned (attendance disabled, so terminals
     * stop taking them; the employee stays), a person who is active is not. Returns the resignation's id, or null.
     * Costs no request in the usual cases: a LEFT person whose resignation GateSync made and whose attendance is
     * still off, an ACTIVE one never resigned whose attendance is on. Otherwise BioTime's resignations of the
     * employee are read first, so a retry after a lost answer (or a resignation made by hand) is adopted, not
     * doubled.
     */
    private Long makeStatusTrue(PersonRow person, Employee employee) {
        if (person.left()) {
            if (person.resignId() != null && !Boolean.TRUE.equals(employee.enableAtt())) {
                return person.resignId();
            }
            List<Long> found = bioTime.resignations(employee.id());
            if (!found.isEmpty()) {
                return found.get(0);
            }
            LocalDate on = person.leftOn() != null ? person.leftOn() : LocalDate.now(settings.timezone());
            long made = bioTime.resign(employee.id(), on, "Left (GateSync)");
            log.info("Resigned BioTime employee {} of {} as of {}", employee.id(), person.cnic(), on);
            return made;
        }
        if (person.resignId() == null && !Boolean.FALSE.equals(employee.enableAtt())) {
            return null;
        }
        List<Long> found = bioTime.resignations(employee.id());
        if (!found.isEmpty()) {
            bioTime.reinstate(found);
            log.info("Reinstated BioTime employee {} of {}", employee.id(), person.cnic());
        }
        return null;
    }

    /** The employee id of each of these people who is linked already, without calling BioTime. */
    public Map<String, Long> linkedEmployees(Collection<String> cnics) {
        Map<String, Long> linked = new HashMap<>();
        if (!cnics.isEmpty()) {
            jdbc.sql("SELECT cnic, zkteco_employee_id FROM people WHERE zkteco_employee_id IS NOT NULL AND cnic IN ("
                            + String.join(", ", Collections.nCopies(cnics.size(), "?")) + ")")
                    .params(List.copyOf(cnics))
                    .query(rs -> {
                        linked.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return linked;
    }

    private Employee upsertEmployee(PersonRow person) {
        Map<String, Object> personal = EmployeeDetails.personal(person, settings);
        if (person.employeeId() != null) {
            try {
                return bioTime.updateEmployee(person.employeeId(), personal);
            } catch (BioTimeException e) {
                if (e.status() != 404) {
                    throw e;
                }
                log.info(
                        "BioTime employee {} of {} is gone; looking up by emp_code",
                        person.employeeId(),
                        person.cnic());
            }
        }
        // Most people reach BioTime for the first time: try to create, and treat "already exists" as link.
        return create(person);
    }

    private Employee create(PersonRow person) {
        try {
            return bioTime.createEmployee(EmployeeDetails.forCreate(person, settings));
        } catch (BioTimeException e) {
            if (e.status() != 400) {
                throw e;
            }
            JsonNode errors = parse(e.body());
            if (errors.has("emp_code")) {
                // Created meanwhile (another worker, or HR): link and update. The text is localised; the key is not.
                log.info("Employee already exists for {}: linking and updating", person.cnic());
                Employee found = bioTime.findEmployee(person.cnic()).orElseThrow(() -> e);
                return bioTime.updateEmployee(found.id(), EmployeeDetails.personal(person, settings));
            }
            if (errors.has("department")) {
                throw notFound("Department", "ZKTECO_DEFAULT_DEPARTMENT", settings.defaultDepartment(), e);
            }
            if (errors.has("area")) {
                throw notFound("Area", "ZKTECO_DEFAULT_AREA", settings.defaultArea(), e);
            }
            if (errors.has("position")) {
                throw notFound("Position", "ZKTECO_DEFAULT_POSITION", settings.defaultPosition(), e);
            }
            throw e;
        }
    }

    private static BioTimeException notFound(String what, String variable, long id, BioTimeException cause) {
        return BioTimeException.permanent(
                what + " not found: BioTime has no " + what.toLowerCase() + " with id " + id + " (" + variable
                        + "); create it in BioTime or change " + variable,
                cause.status(),
                cause.body());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }

    private Optional<PersonRow> load(String cnic) {
        return jdbc.sql("SELECT " + PersonRow.COLUMNS + " FROM people WHERE cnic = ?")
                .param(cnic)
                .query(PersonRow::read)
                .optional();
    }
}
