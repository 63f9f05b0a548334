package io.gatesync.common.pull;

/**
 * Why a pulled punch waits in the parking list ({@code parked_punches}) instead of the entry logs. Each is retried
 * when its cause may be fixed (the person registered, the state policy changed) and at least daily.
 */
public enum ParkReason {
    /** A CNIC nobody registered: retried as soon as a person with it exists. */
    UNKNOWN_PERSON(false),
    /** An emp_code that is no CNIC (a BioTime-only employee): retried daily. */
    NOT_A_CNIC(false),
    /** A terminal GATESYNC_PULL_TERMINALS does not list while it parks unlisted ones ({@code *=park}). */
    UNKNOWN_TERMINAL(true),
    /** A state (2–5 or 255) whose policy is {@code skip}. */
    STATE_SKIPPED(true),
    /** A punch_state BioTime does not define. */
    UNKNOWN_STATE(true),
    /** A punch_time GateSync cannot read. */
    UNREADABLE_TIME(false),
    /** An employee whose person has left (status LEFT): retried as soon as the person returns. */
    PERSON_LEFT(false);

    private final boolean policy;

    ParkReason(boolean policy) {
        this.policy = policy;
    }

    /** Whether a change of the state policy may import it. */
    public boolean fixedByPolicy() {
        return policy;
    }
}
