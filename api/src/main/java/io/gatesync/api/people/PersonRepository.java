package io.gatesync.api.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.gatesync.api.web.PageRequest;
import io.gatesync.common.db.Rows;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.time.DbTime;

/** SQL for the {@code people} table. */
@Repository
public class PersonRepository {

    private static final String COLUMNS = "cnic, name, phone, email, status, left_on, zkteco_employee_id, "
            + "zkteco_synced, zkteco_resigned, zkteco_last_sync, zkteco_sync_error, created_at, updated_at";

    private final JdbcClient jdbc;

    public PersonRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PersonView> find(Cnic cnic) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM people WHERE cnic = ?")
                .param(cnic.value())
                .query(PersonRepository::map)
                .optional();
    }

    /** Locks the row until the transaction ends: one writer per person at a time. */
    public Optional<PersonView> findForUpdate(Cnic cnic) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM people WHERE cnic = ? FOR UPDATE")
                .param(cnic.value())
                .query(PersonRepository::map)
                .optional();
    }

    void insert(Cnic cnic, PersonChange p) {
        String now = DbTime.now();
        jdbc.sql("INSERT INTO people (cnic, name, phone, email, status, left_on, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(cnic.value(), p.name(), p.phone(), p.email(), p.status().name(), p.leftOn(), now, now)
                .update();
    }

    /** Stores new details and status and marks the person as needing a BioTime sync. */
    void update(Cnic cnic, PersonChange p) {
        jdbc.sql("UPDATE people SET name = ?, phone = ?, email = ?, status = ?, left_on = ?, zkteco_synced = 0, "
                        + "updated_at = ? WHERE cnic = ?")
                .params(p.name(), p.phone(), p.email(), p.status().name(), p.leftOn(), DbTime.now(), cnic.value())
                .update();
    }

    public List<PersonView> list(Boolean synced, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM people" + where(synced) + " ORDER BY id LIMIT ? OFFSET ?")
                .params(page.size(), page.offset())
                .query(PersonRepository::map)
                .list();
    }

    public long count(Boolean synced) {
        return jdbc.sql("SELECT COUNT(*) FROM people" + where(synced))
                .query(Long.class)
                .single();
    }

    private static String where(Boolean synced) {
        return synced == null ? "" : synced ? " WHERE zkteco_synced = 1" : " WHERE zkteco_synced = 0";
    }

    private static PersonView map(ResultSet rs, int row) throws SQLException {
        return new PersonView(
                rs.getString("cnic"),
                rs.getString("name"),
                rs.getString("phone"),
                rs.getString("email"),
                PersonStatus.valueOf(rs.getString("status")),
                rs.getObject("left_on", java.time.LocalDate.class),
                Rows.nullableLong(rs, "zkteco_employee_id"),
                rs.getBoolean("zkteco_synced"),
                rs.getBoolean("zkteco_resigned"),
                Rows.instant(rs, "zkteco_last_sync"),
                rs.getString("zkteco_sync_error"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
