package io.gatesync.worker.biotime;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A BioTime punch. {@code punchState} arrives as a string ("0", "255") or, on some builds, a number; times are
 * BioTime's naive local time ("2026-11-24 09:00:00"; other layouts exist across builds, see {@link BioTimeClock}).
 *
 * @param emp the employee's id as BioTime linked the punch: kept as sent, so that "not in the answer" (a build that
 *            does not show it) and "null" (an unlinked punch, which counts in no attendance report) differ
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Transaction(
        long id,
        JsonNode emp,
        @JsonProperty("emp_code") String empCode,
        @JsonProperty("punch_time") String punchTime,
        @JsonProperty("punch_state") String punchState,
        @JsonProperty("terminal_sn") String terminalSn,
        @JsonProperty("terminal_alias") String terminalAlias,
        @JsonProperty("upload_time") String uploadTime) {

    /** A punch as a list row without the fields only some builds send, for tests and readers of plain rows. */
    public static Transaction of(long id, String empCode, String punchTime, String punchState, String terminalSn) {
        return new Transaction(id, null, empCode, punchTime, punchState, terminalSn, null, null);
    }

    /** Empty when the answer does not say; true or false when it shows the employee link. */
    public Optional<Boolean> linked() {
        return emp == null || emp.isMissingNode() ? Optional.empty() : Optional.of(!emp.isNull());
    }

    /** The punch state as a number, or null when it is not one. */
    public Integer state() {
        return Punch.stateOf(punchState);
    }
}
