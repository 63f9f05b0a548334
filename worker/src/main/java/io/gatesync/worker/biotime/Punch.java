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
    /**
     * The furthest GateSync sends a punch after its event, to find its person a free second in BioTime (one punch per
     * person and second there).
     */
    public static final int MAX_SHIFT_SECONDS = 5;

    /** BioTime's punch state text ("0", "255"; a number on some builds) as a number, or null if it is none. */
    public static Integer stateOf(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
