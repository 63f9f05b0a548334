package io.gatesync.worker.biotime;

/**
 * A failed BioTime call, classified once, here, as worth retrying later (timeouts, refused connections, 5xx, 429)
 * or permanent (validation errors, not found, bad credentials). The queue layer acts on {@link #retryable()}.
 * Messages use the integration guide's words where they apply.
 */
public class BioTimeException extends RuntimeException {

    private final int status;
    private final boolean retryable;
    private final String body;

    private BioTimeException(String message, int status, boolean retryable, String body, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.body = body;
    }

    public static BioTimeException timeout(String what, Throwable cause) {
        return new BioTimeException("Connection timeout: " + what, 0, true, null, cause);
    }

    public static BioTimeException unreachable(String what, Throwable cause) {
        return new BioTimeException("BioTime unreachable: " + what + ": " + cause.getMessage(), 0, true, null, cause);
    }

    public static BioTimeException authenticationFailed(String detail) {
        return new BioTimeException("Authentication failed: " + detail, 400, false, detail, null);
    }

    /** An HTTP error answer: 5xx, 429 and 408 can succeed later; any other 4xx will not. */
    public static BioTimeException http(String what, int status, String body) {
        boolean retryable = status >= 500 || status == 429 || status == 408;
        return new BioTimeException("BioTime answered " + status + " to " + what + ": " + abbreviate(body), status,
                retryable, body, null);
    }

    /** A permanent failure with the guide's wording, e.g. "Department not found". */
    public static BioTimeException permanent(String message, int status, String body) {
        return new BioTimeException(message, status, false, body, null);
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The error body BioTime sent, if any (DRF style: field → messages). */
    public String body() {
        return body;
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
