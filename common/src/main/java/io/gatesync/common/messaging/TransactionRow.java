package io.gatesync.common.messaging;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A BioTime punch in the api's words. Times are BioTime's naive local time as it sent them ("2026-11-24 09:00:00"),
 * not instants: the server's zone is a worker's setting. The aliases read the rows of a worker from before this
 * record, which sent BioTime's own names (a rolling upgrade).
 *
 * @param empCode    the employee code the punch was made with (a CNIC for GateSync's people)
 * @param punchState BioTime's state as sent: "0" check-in, "1" check-out, others (break, overtime, "255")
 * @param uploadTime when the terminal uploaded it; null when the build does not send it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransactionRow(
        long id,
        @JsonAlias("emp_code") String empCode,
        @JsonAlias("punch_time") String punchTime,
        @JsonAlias("punch_state") String punchState,
        @JsonAlias("terminal_sn") String terminalSn,
        @JsonAlias("terminal_alias") String terminalAlias,
        @JsonAlias("upload_time") String uploadTime) {}
