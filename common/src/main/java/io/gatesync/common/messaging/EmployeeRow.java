package io.gatesync.common.messaging;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A BioTime employee in the api's words. The aliases read the rows of a worker from before this record, which sent
 * BioTime's own names, so a new api works beside old workers during a rolling upgrade.
 *
 * @param empCode           the employee code: GateSync's people have their CNIC there
 * @param attendanceEnabled BioTime's {@code enable_att}; null when the build does not send it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmployeeRow(
        long id,
        @JsonAlias("emp_code") String empCode,
        @JsonAlias("first_name") String firstName,
        @JsonAlias("last_name") String lastName,
        String mobile,
        String email,
        @JsonAlias("enable_att") Boolean attendanceEnabled) {}
