package io.gatesync.worker.biotime;

import java.time.Instant;

/**
 * A punch to send: {@code state} 0 is a check-in (entry), 1 a check-out (exit).
 *
 * @param employeeId the person's BioTime employee id (the manual-log channel needs it)
 */
public record Punch(String empCode, long employeeId, Instant time, int state) {

    public static final int CHECK_IN = 0;
    public static final int CHECK_OUT = 1;
}
