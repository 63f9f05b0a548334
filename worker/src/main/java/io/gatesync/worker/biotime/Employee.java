package io.gatesync.worker.biotime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields GateSync reads of a BioTime employee; the rest of BioTime's shape is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Employee(long id, @JsonProperty("emp_code") String empCode,
        @JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName, String mobile,
        String email) {
}
