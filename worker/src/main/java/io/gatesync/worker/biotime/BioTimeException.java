package io.gatesync.worker.biotime;

import java.time.Duration;

/**
 * A failed BioTime call, classified once, here, as worth retrying later (timeouts, refused connections, 5xx, 429)
 * or permanent (validation errors, not found, bad credentials). The queue layer acts on {@link #retryable()}.
 * Messages use the integration guide's words where they apply.
 */
public class BioTimeException extends RuntimeException {

    /** The status of a call that never left this worker because the circuit was open. */
    private static final int CIRCUIT_OPEN = -1;

    private final int status;
    private final boolean retryable;
    private final boolean outage;
    private final String body;
    private final Duration retryAfter;

    private BioTimeException(String message, int status, boolean retryable, boolean outage, String body,
            Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.outage = outage;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    public static BioTimeException timeout(String what, Throwable cause) {
        return new BioTimeException("Connection timeout: " + what, 0, true, true, null, null, cause);
    }

    public static BioTimeException unreachable(String what, Throwable cause) {
        return new BioTimeException("BioTime unreachable: " + what + ": " + cause.getMessage(), 0, true, true, null,
                null, cause);
    }

    public static BioTimeException authenticationFailed(String detail) {
        return new BioTimeException("Authentication failed: " + detail, 400, false, false, detail, null, null);
    }

    /**
     * An HTTP error answer: 5xx, 429 and 408 can succeed later; any other 4xx will not. A 5xx counts as an outage
     * for the circuit breaker; a 429 does not (BioTime is up, only busy) but carries its Retry-After.
     */
    public static BioTimeException http(String what, int status, String body, Duration retryAfter) {
        boolean retryable = status >= 500 || status == 429 || status == 408;
        return new BioTimeException("BioTime answered " + status + " to " + what + ": " + abbreviate(body), status,
                retryable, status >= 500, body, retryAfter, null);
    }

    /** BioTime accepted a punch but does not list it yet; look again later (never re-send blindly). */
    public static BioTimeException notYetVisible(String message) {
        return new BioTimeException(message, 0, true, false, null, null, null);
    }

    /** The circuit is open: BioTime was not called. */
    public static BioTimeException circuitOpen(Duration remaining) {
        return new BioTimeException("BioTime unavailable: circuit open after repeated failures (next try in "
                + remaining.toSeconds() + " s)", CIRCUIT_OPEN, true, false, null, null, null);
    }

    /** A permanent failure with the guide's wording, e.g. "Department not found". */
    public static BioTimeException permanent(String message, int status, String body) {
        return new BioTimeException(message, status, false, false, body, null, null);
    }

    public int status() {
        return Math.max(status, 0);
    }

    /**
     * The request certainly did nothing in BioTime and is not under way: the circuit kept it here, or BioTime
     * refused it with a 4xx (as it does before it stores anything).
     */
    public boolean refusedUntouched() {
        return status == CIRCUIT_OPEN || (status >= 400 && status < 500);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The error body BioTime sent, if any (DRF style: field → messages). */
    public String body() {
        return body;
    }

    /** BioTime did not answer usefully (timeout, no connection, 5xx): counts toward opening the circuit. */
    public boolean outage() {
        return outage;
    }

    /** How long a 429 asked us to wait, if it said. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean isAuthRejection() {
        return status == 401 || status == 403;
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
