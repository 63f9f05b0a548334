package io.gatesync.worker.biotime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A BioTime punch. {@code punchState} arrives as a string ("0"); times are BioTime's naive local time. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Transaction(long id, @JsonProperty("emp_code") String empCode,
        @JsonProperty("punch_time") String punchTime, @JsonProperty("punch_state") String punchState,
        @JsonProperty("terminal_sn") String terminalSn) {
}
