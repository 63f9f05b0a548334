package io.gatesync.worker.attendance;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.gatesync.common.config.InvalidSettingException;
import io.gatesync.worker.attendance.Timeline.Kind;

/**
 * What the attendance pull makes of BioTime's punch states other than check-in (0) and check-out (1), set with
 * {@code GATESYNC_PULL_OTHER_STATES}: {@code skip} (the default) keeps them out of the entry logs and writes a
 * SKIPPED sync log row for each; {@code as-entry-exit} counts a return as an entry and a leave as an exit: 3 Break
 * In and 4 Overtime In are check-ins, 2 Break Out and 5 Overtime Out are check-outs.
 */
public enum OtherStates {
    SKIP, AS_ENTRY_EXIT;

    /** BioTime's names of punch states 0–5 (biotime-api.md §5). */
    static final List<String> NAMES = List.of("Check In", "Check Out", "Break Out", "Break In", "Overtime In",
            "Overtime Out");

    public static OtherStates parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "skip" -> SKIP;
            case "as-entry-exit" -> AS_ENTRY_EXIT;
            default -> throw new InvalidSettingException("GATESYNC_PULL_OTHER_STATES", text, "skip or as-entry-exit");
        };
    }

    /** The punch as an entry or exit, or empty when it is not imported. */
    Optional<Kind> kindOf(int state) {
        return switch (state) {
            case 0 -> Optional.of(Kind.IN);
            case 1 -> Optional.of(Kind.OUT);
            case 3, 4 -> this == AS_ENTRY_EXIT ? Optional.of(Kind.IN) : Optional.empty();
            case 2, 5 -> this == AS_ENTRY_EXIT ? Optional.of(Kind.OUT) : Optional.empty();
            default -> Optional.empty();
        };
    }

    String setting() {
        return this == SKIP ? "skip" : "as-entry-exit";
    }
}
