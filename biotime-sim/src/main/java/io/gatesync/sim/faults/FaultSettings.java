package io.gatesync.sim.faults;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.Consumer;

/**
 * What goes wrong on the BioTime endpoints. Immutable; {@link Faults} swaps whole values atomically, so the countdowns
 * ({@code failNext}, {@code throttleNext}) and the one-shot {@code insertWhilePaging} are exact under concurrency.
 *
 * <p>Per request the first matching fault wins, in this order: refused connection, throttle (429), failNext,
 * errorRate. A request that passes is then delayed by {@code latency + random(0..latencyJitter) + hang}
 * (+ {@code slowPages} for list requests).
 *
 * @param latency           added before each request is handled (non-blocking)
 * @param latencyJitter     a uniformly random extra 0..jitter on top of {@code latency}
 * @param hang              held before answering; the same delay as latency, named for read-timeout tests
 * @param slowPages         extra delay for list (GET collection) requests only
 * @param errorRate         probability, 0..1, that a request is answered with {@code errorStatus} instead
 * @param errorStatus       the status of injected random errors (503 by default)
 * @param failNext          how many of the next requests fail with {@code failNextStatus}; counts down to 0
 * @param failNextStatus    the status of those failures (503 by default)
 * @param throttleNext      how many of the next requests get a DRF-style 429; counts down to 0
 * @param retryAfterSeconds the {@code Retry-After} of those 429s (1 by default)
 * @param refuseConnections while true every request has its connection closed without an answer
 * @param tokenTtl          lifetime of JWTs issued from now on; null means {@code sim.jwt-ttl}
 * @param insertWhilePaging armed punch insertion for the next later-page transaction read; null when not armed
 * @param failNextPath      when set, only requests whose path starts with it count towards (and get) {@code failNext}
 * @param dropReplyRate     probability, 0..1, that a write (POST) that passes is carried out and then its connection
 *                          closed without an answer: the client cannot tell whether it took effect (a lost answer)
 */
public record FaultSettings(
        Duration latency,
        Duration latencyJitter,
        Duration hang,
        Duration slowPages,
        double errorRate,
        int errorStatus,
        int failNext,
        int failNextStatus,
        int throttleNext,
        int retryAfterSeconds,
        boolean refuseConnections,
        Duration tokenTtl,
        InsertWhilePaging insertWhilePaging,
        double dropReplyRate,
        String failNextPath) {

    public static final int DEFAULT_ERROR_STATUS = 503;
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

    /** No faults. */
    public static final FaultSettings NONE = new FaultSettings(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            0.0,
            DEFAULT_ERROR_STATUS,
            0,
            DEFAULT_ERROR_STATUS,
            0,
            DEFAULT_RETRY_AFTER_SECONDS,
            false,
            null,
            null,
            0.0,
            null);

    /**
     * Punches to insert when a {@code GET /iclock/api/transactions/} request for page 2 or later arrives, before that
     * page is computed, so rows shift between pages as on a live server. Null fields are taken from the request's
     * filters so the rows land in the list being paged: {@code empCode} from {@code emp_code}, {@code terminalSn}
     * from {@code terminal_sn}, and {@code punchTime} one second before the earliest matching punch (not before
     * {@code start_time}), which sorts them ahead of every page under {@code ordering=punch_time,id}.
     *
     * @param count      how many punches, at least 1
     * @param punchTime  their punch time, or null
     * @param empCode    their emp_code, or null
     * @param terminalSn their terminal serial number, or null
     */
    public record InsertWhilePaging(int count, LocalDateTime punchTime, String empCode, String terminalSn) {

        public InsertWhilePaging {
            if (count < 1) {
                throw new IllegalArgumentException("insertWhilePaging.count must be at least 1");
            }
        }
    }

    public FaultSettings {
        requireNonNegative(latency, "latency");
        requireNonNegative(latencyJitter, "latencyJitter");
        requireNonNegative(hang, "hang");
        requireNonNegative(slowPages, "slowPages");
        if (tokenTtl != null && tokenTtl.isNegative()) {
            throw new IllegalArgumentException("tokenTtl must be zero or positive");
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be within 0..1");
        }
        if (!(dropReplyRate >= 0.0 && dropReplyRate <= 1.0)) {
            throw new IllegalArgumentException("dropReplyRate must be within 0..1");
        }
        requireErrorStatus(errorStatus, "errorStatus");
        requireErrorStatus(failNextStatus, "failNextStatus");
        if (failNext < 0 || throttleNext < 0) {
            throw new IllegalArgumentException("failNext and throttleNext must be zero or positive");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be zero or positive");
        }
    }

    public FaultSettings withLatency(Duration newLatency) {
        return with(c -> c.latency = newLatency);
    }

    public FaultSettings withLatencyJitter(Duration jitter) {
        return with(c -> c.latencyJitter = jitter);
    }

    public FaultSettings withHang(Duration newHang) {
        return with(c -> c.hang = newHang);
    }

    public FaultSettings withSlowPages(Duration delay) {
        return with(c -> c.slowPages = delay);
    }

    public FaultSettings withErrors(double rate, int status) {
        return with(c -> {
            c.errorRate = rate;
            c.errorStatus = status;
        });
    }

    public FaultSettings withFailNext(int n, int status) {
        return with(c -> {
            c.failNext = n;
            c.failNextStatus = status;
        });
    }

    /** @param path null for any request */
    public FaultSettings withFailNextPath(String path) {
        return with(c -> c.failNextPath = path);
    }

    public FaultSettings withThrottleNext(int n, int retryAfter) {
        return with(c -> {
            c.throttleNext = n;
            c.retryAfterSeconds = retryAfter;
        });
    }

    public FaultSettings withRefuseConnections(boolean refuse) {
        return with(c -> c.refuseConnections = refuse);
    }

    /** @param ttl null to go back to {@code sim.jwt-ttl} */
    public FaultSettings withTokenTtl(Duration ttl) {
        return with(c -> c.tokenTtl = ttl);
    }

    /** @param insert null to disarm */
    public FaultSettings withInsertWhilePaging(InsertWhilePaging insert) {
        return with(c -> c.insertWhilePaging = insert);
    }

    public FaultSettings withDropReplyRate(double rate) {
        return with(c -> c.dropReplyRate = rate);
    }

    /** A copy of these settings with {@code change} applied, checked by the canonical constructor as any other. */
    private FaultSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** The components of a {@link FaultSettings} as mutable fields, for the {@code with…} methods. */
    private static final class Copy {
        Duration latency;
        Duration latencyJitter;
        Duration hang;
        Duration slowPages;
        double errorRate;
        int errorStatus;
        int failNext;
        int failNextStatus;
        int throttleNext;
        int retryAfterSeconds;
        boolean refuseConnections;
        Duration tokenTtl;
        InsertWhilePaging insertWhilePaging;
        double dropReplyRate;
        String failNextPath;

        Copy(FaultSettings s) {
            latency = s.latency;
            latencyJitter = s.latencyJitter;
            hang = s.hang;
            slowPages = s.slowPages;
            errorRate = s.errorRate;
            errorStatus = s.errorStatus;
            failNext = s.failNext;
            failNextStatus = s.failNextStatus;
            throttleNext = s.throttleNext;
            retryAfterSeconds = s.retryAfterSeconds;
            refuseConnections = s.refuseConnections;
            tokenTtl = s.tokenTtl;
            insertWhilePaging = s.insertWhilePaging;
            dropReplyRate = s.dropReplyRate;
            failNextPath = s.failNextPath;
        }

        FaultSettings build() {
            return new FaultSettings(
                    latency,
                    latencyJitter,
                    hang,
                    slowPages,
                    errorRate,
                    errorStatus,
                    failNext,
                    failNextStatus,
                    throttleNext,
                    retryAfterSeconds,
                    refuseConnections,
                    tokenTtl,
                    insertWhilePaging,
                    dropReplyRate,
                    failNextPath);
        }
    }

    private static void requireNonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive");
        }
    }

    private static void requireErrorStatus(int status, String name) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException(name + " must be a 4xx or 5xx status");
        }
    }
}
