package io.gatesync.common.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;

import io.gatesync.common.time.DbTime;

/** Reading nullable columns the same way everywhere (JDBC's getLong gives 0 for NULL). */
public final class Rows {

    private Rows() {}

    /** A UTC DATETIME column as an instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return DbTime.fromDb(rs.getObject(column, LocalDateTime.class));
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        return DbTime.fromDb(rs.getObject(column, LocalDateTime.class));
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
