package io.gatesync.worker.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

import io.gatesync.common.db.Rows;

/**
 * The part of a {@code people} row a sync needs; {@code updatedAt} tells whether it changed meanwhile. {@code left}:
 * status LEFT (since {@code leftOn}); {@code resignId}: the BioTime resignation GateSync made or found, if any.
 */
record PersonRow(
        long id,
        String cnic,
        String name,
        String phone,
        String email,
        Long employeeId,
        Instant updatedAt,
        boolean left,
        LocalDate leftOn,
        Long resignId) {

    /** The columns {@link #read} maps. */
    static final String COLUMNS =
            "id, cnic, name, phone, email, zkteco_employee_id, updated_at, status, left_on, " + "zkteco_resign_id";

    static PersonRow read(ResultSet rs, int row) throws SQLException {
        return new PersonRow(
                rs.getLong("id"),
                rs.getString("cnic"),
                rs.getString("name"),
                rs.getString("phone"),
                rs.getString("email"),
                Rows.nullableLong(rs, "zkteco_employee_id"),
                Rows.instant(rs, "updated_at"),
                "LEFT".equals(rs.getString("status")),
                rs.getObject("left_on", LocalDate.class),
                Rows.nullableLong(rs, "zkteco_resign_id"));
    }

    PersonRow(long id, String cnic, String name, String phone, String email, Long employeeId, Instant updatedAt) {
        this(id, cnic, name, phone, email, employeeId, updatedAt, false, null, null);
    }
}
