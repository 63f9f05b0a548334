package io.gatesync.api.settings;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.gatesync.common.db.Rows;

/** Reads {@code zkteco_config_history}, which {@code RuntimeSettings.update} writes. */
@Repository
class SettingsHistory {

    /** How many changes the settings view lists. */
    private static final int LATEST = 50;

    private final JdbcClient jdbc;

    SettingsHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest {@value #LATEST} changes, newest first. */
    List<SettingChange> latest() {
        return jdbc.sql("SELECT config_key, old_value, new_value, changed_by, changed_at FROM "
                        + "zkteco_config_history ORDER BY id DESC LIMIT " + LATEST)
                .query((rs, n) -> new SettingChange(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Rows.instant(rs, "changed_at")))
                .list();
    }
}
