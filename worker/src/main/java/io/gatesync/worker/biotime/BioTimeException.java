package io.gatesync.worker.biotime;

import java.time.Duration;

/**
 * A failed BioTime call, classified once, here, as worth retrying later (timeouts, refused connections, 5xx, 429)
 * or permanent (validation errors, not found, bad credentials). The queue layer acts on {@link #retryable()}.
 * Messages use the integration guide's words where they apply.
 */
public class BioTimeException extends RuntimeException {

    /** What went wrong, as callers tell failures apart: never by the message's text. */
    public enum Kind {
        /** No answer in ZKTECO_READ_TIMEOUT (or no connection in ZKTECO_CONNECT_TIMEOUT). */
        TIMEOUT,
        /** No connection: refused, reset, no route. */
        UNREACHABLE,
        /** An HTTP error answer; {@link #status()} says which. */
        HTTP,
        /** Logging in failed. */
        AUTHENTICATION,
        /** BioTime accepted a punch but does not list it yet. */
        NOT_YET_VISIBLE,
        /** The call never left this worker: the circuit was open. */
        CIRCUIT_OPEN,
        /** BioTime is set up so the call cannot work until an admin changes it (a refused certificate too). */
        SET_UP,
        /** Another punch of the person holds the second in BioTime. */
        PUNCH_CONFLICT,
        /** Will not work if tried again, e.g. "Department not found". */
        PERMANENT
    }

    /** The dead-letter reason of a punch BioTime holds in its second with another state. */
    public static final String PUNCH_CONFLICT = "PUNCH_CONFLICT";

    private final Kind kind;
    private final int status;
    private final boolean retryable;
    private final boolean outage;
    private final String body;
    private final Duration retryAfter;
    private final String deadLetterReason;
    private final boolean beforeSending;

    private BioTimeException(
            Kind kind,
            String message,
            int status,
            boolean retryable,
            boolean outage,
            String body,
            Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryable = retryable;
        this.outage = outage;
        this.body = body;
        this.retryAfter = retryAfter;
        // a punch conflict is the one failure with a dead-letter reason of its own
        this.deadLetterReason = kind == Kind.PUNCH_CONFLICT ? PUNCH_CONFLICT : null;
        this.beforeSending = false;
    }

    /** {@code sent}'s copy, caused by it, that says the call was made before the punches were sent. */
    private BioTimeException(BioTimeException sent) {
        super(sent.getMessage(), sent);
        this.kind = sent.kind;
        this.status = sent.status;
        this.retryable = sent.retryable;
        this.outage = sent.outage;
        this.body = sent.body;
        this.retryAfter = sent.retryAfter;
        this.deadLetterReason = sent.deadLetterReason;
        this.beforeSending = true;
    }

    /** This failure, of a call made before the punches were sent: none of them is on the way. */
    public BioTimeException beforeSending() {
        return new BioTimeException(this);
    }

    public static BioTimeException timeout(String what, Throwable cause) {
        return new BioTimeException(Kind.TIMEOUT, "Connection timeout: " + what, 0, true, true, null, null, cause);
    }

    public static BioTimeException unreachable(String what, Throwable cause) {
        return new BioTimeException(
                Kind.UNREACHABLE,
                "BioTime unreachable: " + what + ": " + cause.getMessage(),
                0,
                true,
                true,
                null,
                null,
                cause);
    }

    public static BioTimeException authenticationFailed(String detail) {
        return new BioTimeException(
                Kind.AUTHENTICATION, "Authentication failed: " + detail, 400, false, false, detail, null, null);
    }

    /**
     * An HTTP error answer: 5xx, 429 and 408 can succeed later; any other 4xx will not. A 5xx counts as an outage
     * for the circuit breaker; a 429 does not (BioTime is up, only busy) but carries its Retry-After.
     */
    public static BioTimeException http(String what, int status, String body, Duration retryAfter) {
        boolean retryable = status >= 500 || status == 429 || status == 408;
        BioTimeException e = new BioTimeException(
                Kind.HTTP,
                "BioTime answered " + status + " to " + what + ": " + abbreviate(body),
                status,
                retryable,
                status >= 500,
                body,
                retryAfter,
                null);
        if (status == 403 && !e.isAuthRejection()) {
            return new BioTimeException(
                    Kind.HTTP,
                    e.getMessage() + " (not a token problem: the BioTime user ZKTECO_USERNAME "
                            + "lacks this permission, or the licence does not open the API; fix that in BioTime, then "
                            + "replay)",
                    status,
                    false,
                    false,
                    body,
                    null,
                    null);
        }
        return e;
    }

    /** BioTime accepted a punch but does not list it yet; look again later (never re-send blindly). */
    public static BioTimeException notYetVisible(String message) {
        return new BioTimeException(Kind.NOT_YET_VISIBLE, message, 0, true, false, null, null, null);
    }

    /**
     * BioTime's certificate was refused during the TLS handshake, so nothing was sent. An admin has to give GateSync
     * the right certificate (or fix the URL): commands wait without counting, like during an outage, and the circuit
     * opens, so consumers pause while the probe keeps trying.
     */
    public static BioTimeException untrustedCertificate(String message, Throwable cause) {
        return new BioTimeException(Kind.SET_UP, message, 0, true, true, null, null, cause);
    }

    /** The circuit is open: BioTime was not called. */
    public static BioTimeException circuitOpen(Duration remaining) {
        return new BioTimeException(
                Kind.CIRCUIT_OPEN,
                "BioTime unavailable: circuit open after repeated failures (next try in " + remaining.toSeconds()
                        + " s)",
                0,
                true,
                false,
                null,
                null,
                null);
    }

    /**
     * BioTime is set up so that the command cannot work yet, and an admin has to change it there (GateSync's ADMS
     * terminal is Not Authorized): the command waits without counting attempts, like during an outage, instead of
     * dead-lettering every punch of the site while the fix is made.
     */
    public static BioTimeException setUpNeeded(String message) {
        return new BioTimeException(Kind.SET_UP, message, 0, true, false, null, null, null);
    }

    /**
     * BioTime holds another punch of this person in this second (its unique key is emp_code and punch_time, not the
     * state), and GateSync did not send it: a person cannot have both, so an operator decides. Permanent, with its
     * own dead-letter reason.
     */
    public static BioTimeException punchConflict(String message) {
        return new BioTimeException(Kind.PUNCH_CONFLICT, message, 0, false, false, null, null, null);
    }

    /** A permanent failure with the guide's wording, e.g. "Department not found". */
    public static BioTimeException permanent(String message, int status, String body) {
        return new BioTimeException(Kind.PERMANENT, message, status, false, false, body, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /**
     * The request certainly did nothing in BioTime and is not under way: the circuit kept it here, or BioTime
     * refused it with a 4xx (as it does before it stores anything).
     */
    public boolean refusedUntouched() {
        return beforeSending || kind == Kind.CIRCUIT_OPEN || kind == Kind.SET_UP || (status >= 400 && status < 500);
    }

    /**
     * The command is not at fault and waits without counting an attempt: the circuit kept the call here, or BioTime
     * needs an admin's change first ({@link #setUpNeeded}).
     */
    public boolean waitsWithoutCounting() {
        return kind == Kind.CIRCUIT_OPEN || kind == Kind.SET_UP;
    }

    /** BioTime needs an admin's change before this can work ({@link #setUpNeeded}). */
    public boolean setUpNeeded() {
        return kind == Kind.SET_UP;
    }

    /** The reason a permanent failure is dead-lettered under, when it has one of its own (else PERMANENT). */
    public String deadLetterReason() {
        return deadLetterReason;
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

    /**
     * BioTime refused the token: a 401, or a 403 whose body is DRF's authentication detail (an expired or unknown
     * token, missing credentials). Any other 403 (no permission for the user, a licence that blocks the API) is
     * permanent: logging in again would not change it.
     */
    public boolean isAuthRejection() {
        if (status == 401) {
            return true;
        }
        if (status != 403 || body == null) {
            return false;
        }
        String text = body.toLowerCase(java.util.Locale.ROOT);
        return text.contains("credentials")
                || text.contains("token")
                || text.contains("signature")
                || text.contains("authorization header");
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
