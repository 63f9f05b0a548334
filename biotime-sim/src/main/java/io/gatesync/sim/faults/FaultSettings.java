package io.gatesync.sim.faults;

import java.time.Duration;

/**
 * What goes wrong on the BioTime endpoints. Immutable; swap the whole value through {@link Faults#set}.
 *
 * @param latency     added before each request is handled (non-blocking)
 * @param errorRate   probability, 0..1, that a request is answered with {@code errorStatus} instead
 * @param errorStatus the status of injected errors (503 by default)
 */
public record FaultSettings(Duration latency, double errorRate, int errorStatus) {

    public static final int DEFAULT_ERROR_STATUS = 503;

    /** No faults. */
    public static final FaultSettings NONE = new FaultSettings(Duration.ZERO, 0.0, DEFAULT_ERROR_STATUS);

    public FaultSettings {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be within 0..1");
        }
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus must be a 4xx or 5xx status");
        }
    }

    public FaultSettings withLatency(Duration newLatency) {
        return new FaultSettings(newLatency, errorRate, errorStatus);
    }

    public FaultSettings withErrors(double rate, int status) {
        return new FaultSettings(latency, rate, status);
    }
}
