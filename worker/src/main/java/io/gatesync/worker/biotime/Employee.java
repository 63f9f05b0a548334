package io.gatesync.worker.biotime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields GateSync reads of a BioTime employee; the rest of BioTime's shape is ignored. {@code enableAtt} is
 * null when the server does not send it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Employee(
        long id,
        @JsonProperty("emp_code") String empCode,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        String mobile,
        String email,
        @JsonProperty("enable_att") Boolean enableAtt) {

    public Employee(long id, String empCode, String firstName, String lastName, String mobile, String email) {
        this(id, empCode, firstName, lastName, mobile, email, null);
    }
}
