package io.gatesync.sim.faults;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.gatesync.sim.faults.FaultSettings.InsertWhilePaging;

/**
 * The live fault switches; tests flip them in-process or through /sim/faults. One atomic reference holds the whole
 * {@link FaultSettings}, so every change, countdown and one-shot is a compare-and-set of one immutable value.
 */
@Component
public class Faults {

    /** What happens to one request: DROP_REPLY passes it, then closes the connection instead of answering. */
    enum Action {
        PASS,
        REFUSE,
        THROTTLE,
        FAIL,
        DROP_REPLY
    }

    /**
     * @param status     for FAIL
     * @param retryAfter for THROTTLE, in seconds
     * @param delay      for PASS, before the request goes on
     */
    record Verdict(Action action, int status, int retryAfter, Duration delay) {}

    private final AtomicReference<FaultSettings> settings = new AtomicReference<>(FaultSettings.NONE);

    public FaultSettings current() {
        return settings.get();
    }

    public void set(FaultSettings newSettings) {
        settings.set(newSettings);
    }

    /** Applies {@code change} atomically to the current settings (retried on a concurrent change) and returns the result. */
    public FaultSettings update(UnaryOperator<FaultSettings> change) {
        return settings.updateAndGet(change);
    }

    public void reset() {
        settings.set(FaultSettings.NONE);
    }

    /** Arms a one-shot punch insertion for the next later-page transaction read. */
    public void insertWhilePaging(InsertWhilePaging insert) {
        update(s -> s.withInsertWhilePaging(insert));
    }

    /** Disarms and returns the armed insertion, if any; of racing readers exactly one gets it. */
    public Optional<InsertWhilePaging> takeInsertWhilePaging() {
        while (true) {
            FaultSettings s = settings.get();
            if (s.insertWhilePaging() == null) {
                return Optional.empty();
            }
            if (settings.compareAndSet(s, s.withInsertWhilePaging(null))) {
                return Optional.of(s.insertWhilePaging());
            }
        }
    }

    /**
     * Decides the fate of one arriving request, consuming a countdown step when one applies. The first matching
     * fault wins: refuse, throttle, failNext, errorRate.
     *
     * @param listRequest whether {@code slowPages} applies
     * @param write       whether {@code dropReplyRate} applies (a POST)
     * @param path        the request's path, for {@code failNextPath}
     */
    Verdict next(boolean listRequest, boolean write, String path) {
        while (true) {
            FaultSettings s = settings.get();
            if (s.refuseConnections()) {
                return new Verdict(Action.REFUSE, 0, 0, Duration.ZERO);
            }
            if (s.throttleNext() > 0) {
                if (settings.compareAndSet(s, s.withThrottleNext(s.throttleNext() - 1, s.retryAfterSeconds()))) {
                    return new Verdict(Action.THROTTLE, 429, s.retryAfterSeconds(), Duration.ZERO);
                }
                continue;
            }
            if (s.failNext() > 0 && (s.failNextPath() == null || path.startsWith(s.failNextPath()))) {
                if (settings.compareAndSet(s, s.withFailNext(s.failNext() - 1, s.failNextStatus()))) {
                    return new Verdict(Action.FAIL, s.failNextStatus(), 0, Duration.ZERO);
                }
                continue;
            }
            if (s.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < s.errorRate()) {
                return new Verdict(Action.FAIL, s.errorStatus(), 0, Duration.ZERO);
            }
            boolean drop = write
                    && s.dropReplyRate() > 0
                    && ThreadLocalRandom.current().nextDouble() < s.dropReplyRate();
            return new Verdict(drop ? Action.DROP_REPLY : Action.PASS, 0, 0, delay(s, listRequest));
        }
    }

    private static Duration delay(FaultSettings s, boolean listRequest) {
        Duration d = s.latency().plus(s.hang());
        if (!s.latencyJitter().isZero()) {
            d = d.plusNanos(
                    ThreadLocalRandom.current().nextLong(s.latencyJitter().toNanos() + 1));
        }
        return listRequest ? d.plus(s.slowPages()) : d;
    }
}
