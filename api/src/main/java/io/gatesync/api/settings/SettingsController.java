package io.gatesync.api.settings;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.FieldProblem;
import io.gatesync.api.web.InvalidRequestException;
import io.gatesync.common.config.InvalidSettingException;
import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.config.ZktecoProperties;

/**
 * {@code GET/PUT /zkteco/settings}: the settings an operator may change without a restart (stored in
 * {@code zkteco_config}, overriding the ZKTECO_* variables on every node within seconds), and their history.
 */
@RestController
public class SettingsController {

    private final RuntimeSettings settings;
    private final SettingsHistory history;
    private final Blocking blocking;

    public SettingsController(RuntimeSettings settings, SettingsHistory history, Blocking blocking) {
        this.settings = settings;
        this.history = history;
        this.blocking = blocking;
    }

    public record Setting(String key, String variable, String value, boolean overridden, String allowed) {}

    public record SettingsView(List<Setting> settings, List<SettingChange> history) {}

    @GetMapping("/zkteco/settings")
    public Mono<SettingsView> get() {
        return blocking.call(this::view);
    }

    /** Body: {@code {"sync-interval": "10", "auto-sync": "false"}}; all or nothing. */
    @PutMapping("/zkteco/settings")
    public Mono<SettingsView> put(@RequestBody Map<String, Object> changes, Principal admin) {
        FieldChecks checks = new FieldChecks();
        if (changes.isEmpty()) {
            checks.reject("body", "must name at least one of " + String.join(", ", RuntimeSettings.EDITABLE));
        }
        changes.keySet().stream()
                .filter(k -> !RuntimeSettings.EDITABLE.contains(k))
                .forEach(k -> checks.reject(
                        k, "cannot change at run time; these can: " + String.join(", ", RuntimeSettings.EDITABLE)));
        checks.throwIfInvalid();
        return blocking.call(() -> {
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                try {
                    settings.update(change.getKey(), String.valueOf(change.getValue()), admin.getName());
                } catch (InvalidSettingException e) {
                    throw new InvalidRequestException(List.of(new FieldProblem(change.getKey(), "use " + e.allowed())));
                }
            }
            return view();
        });
    }

    private SettingsView view() {
        ZktecoProperties now = settings.current();
        Map<String, String> overrides = settings.overrides();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("auto-sync", Boolean.toString(now.autoSync()));
        values.put("sync-interval", Integer.toString(now.syncInterval()));
        values.put("pull-attendance", Boolean.toString(now.pullAttendance()));
        values.put("pull-interval", Integer.toString(now.pullInterval()));
        values.put("batch-size", Integer.toString(now.batchSize()));
        values.put("rate-limit", Double.toString(now.rateLimit()));
        List<Setting> list = values.entrySet().stream()
                .map(e -> new Setting(
                        e.getKey(),
                        ZktecoProperties.variableOf(e.getKey()),
                        e.getValue(),
                        overrides.containsKey(e.getKey()),
                        ZktecoProperties.ALLOWED.get(e.getKey())))
                .toList();
        return new SettingsView(list, history.latest());
    }
}
