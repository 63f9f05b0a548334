package io.gatesync.worker.biotime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A BioTime manual log ({@code /att/api/manuallogs/}): its own id, the employee's id, and the punch. The approval
 * status is read where the build shows it (0 pending in the simulator; the real numbering is unconfirmed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManualLog(
        long id,
        Long employee,
        @JsonProperty("punch_time") String punchTime,
        @JsonProperty("punch_state") String punchState,
        @JsonProperty("approval_status") Integer approvalStatus) {

    public Integer state() {
        return Punch.stateOf(punchState);
    }
}
