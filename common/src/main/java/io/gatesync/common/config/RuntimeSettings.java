package io.gatesync.common.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * The {@code zkteco.*} settings in force now: the environment's, overridden by what an operator stored in
 * {@code zkteco_config}. Overrides are checked by binding them exactly as start-up binds the environment (the same
 * conversions, the same rules, the same messages), every change is recorded in {@code zkteco_config_history}, and
 * every node re-reads the table every {@code refresh}, so a change takes effect everywhere without a restart.
 */
public class RuntimeSettings {

    /** The settings an operator may change at run time, by property name. */
    public static final List<String> EDITABLE =
            List.of("auto-sync", "sync-interval", "pull-attendance", "pull-interval", "batch-size", "rate-limit");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ConfigurableEnvironment environment;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    /** The effective settings and the overrides they came from. */
    public record Snapshot(ZktecoProperties settings, Map<String, String> overrides, long loadedAtNanos) {}

    public RuntimeSettings(
            JdbcClient jdbc, TransactionTemplate tx, ConfigurableEnvironment environment, Duration refresh) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.environment = environment;
        this.refresh = refresh;
    }

    /** The settings in force, at most {@code refresh} old. If the table cannot be read, the last ones known. */
    public ZktecoProperties current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAtNanos() > refresh.toNanos()) {
            s = reload(s);
        }
        return s.settings();
    }

    public Map<String, String> overrides() {
        current();
        return snapshot.overrides();
    }

    private synchronized Snapshot reload(Snapshot stale) {
        if (snapshot != stale) {
            return snapshot; // another thread just did it
        }
        Map<String, String> overrides = new HashMap<>();
        try {
            jdbc
                    .sql("SELECT config_key, config_value FROM zkteco_config")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list()
                    .stream()
                    .filter(e -> EDITABLE.contains(e.getKey()))
                    .forEach(e -> overrides.put(e.getKey(), e.getValue()));
        } catch (RuntimeException databaseDown) {
            if (stale != null) {
                return stale;
            }
        }
        ZktecoProperties effective;
        try {
            effective = bind(overrides);
        } catch (RuntimeException invalidStoredValue) {
            // A value stored by an older version may no longer be valid: keep the environment's.
            effective = bind(Map.of());
        }
        snapshot = new Snapshot(effective, Map.copyOf(overrides), System.nanoTime());
        return snapshot;
    }

    /**
     * Stores a new value, if valid; records who changed what. Throws {@link InvalidSettingException} naming the
     * setting and what it accepts.
     */
    public void update(String key, String value, String changedBy) {
        if (!EDITABLE.contains(key)) {
            throw new InvalidSettingException(
                    ZktecoProperties.variableOf(key),
                    value,
                    "one of the settings that can change at run time: " + String.join(", ", EDITABLE));
        }
        Map<String, String> next = new HashMap<>(overrides());
        next.put(key, value.trim());
        bind(next); // throws if invalid
        tx.executeWithoutResult(status -> {
            String old = jdbc.sql("SELECT config_value FROM zkteco_config WHERE config_key = ? FOR UPDATE")
                    .param(key)
                    .query(String.class)
                    .optional()
                    .orElse(null);
            jdbc.sql("INSERT INTO zkteco_config (config_key, config_value, updated_by, updated_at) VALUES (?, ?, ?, ?) "
                            + "ON DUPLICATE KEY UPDATE config_value = VALUES(config_value), updated_by = VALUES(updated_by), "
                            + "updated_at = VALUES(updated_at)")
                    .params(key, value.trim(), changedBy, DbTime.now())
                    .update();
            jdbc.sql("INSERT INTO zkteco_config_history (config_key, old_value, new_value, changed_by, changed_at) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(key, old, value.trim(), changedBy, DbTime.now())
                    .update();
        });
        snapshot = null; // this node sees its own change at once
        reload(null);
    }

    /** The environment's settings with {@code overrides} (property name → text) applied, checked. */
    private ZktecoProperties bind(Map<String, String> overrides) {
        Map<String, String> prefixed = new LinkedHashMap<>();
        overrides.forEach((k, v) -> prefixed.put("zkteco." + k, v));
        List<ConfigurationPropertySource> sources = new java.util.ArrayList<>();
        sources.add(new MapConfigurationPropertySource(prefixed));
        ConfigurationPropertySources.get(environment).forEach(sources::add);
        try {
            return new Binder(sources).bindOrCreate("zkteco", ZktecoProperties.class);
        } catch (BindException e) {
            InvalidSettingException invalid = Texts.causeOf(e, InvalidSettingException.class);
            if (invalid != null) {
                throw invalid;
            }
            String property = e.getProperty() == null
                    ? "zkteco"
                    : e.getProperty().getName().toString();
            String name = property.startsWith("zkteco.") ? property.substring("zkteco.".length()) : property;
            throw new InvalidSettingException(
                    ZktecoProperties.variableOf(name),
                    String.valueOf(
                            e.getProperty() == null ? "" : e.getProperty().getValue()),
                    ZktecoProperties.ALLOWED.getOrDefault(name, "a valid value"));
        }
    }
}
