package io.gatesync.api.settings;

import java.time.Instant;

/** One change of a run-time setting, as {@code zkteco_config_history} keeps it. */
public record SettingChange(String key, String oldValue, String newValue, String changedBy, Instant changedAt) {}
