package io.gatesync.worker.biotime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops hammering BioTime while it is down. After {@code threshold} outage failures in a row (timeouts, refused
 * connections, 5xx) the circuit opens: calls fail at once, as retry-later, without reaching BioTime. When the
 * open period ends one trial call goes through; its success closes the circuit, its failure opens it again for
 * twice as long (up to {@code maxOpen}). Listeners hear every change, so the queue layer can pause consumers.
 */
public class CircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration firstOpen;
    private final Duration maxOpen;
    private final Clock clock;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();

    private State state = State.CLOSED;
    private int failures;
    private Duration openFor;
    private Instant openUntil = Instant.MIN;
    private boolean trialRunning;

    public CircuitBreaker(int threshold, Duration firstOpen, Duration maxOpen, Clock clock) {
        this.threshold = threshold;
        this.firstOpen = firstOpen;
        this.maxOpen = maxOpen;
        this.clock = clock;
        this.openFor = firstOpen;
    }

    public void onChange(Consumer<State> listener) {
        listeners.add(listener);
    }

    /** Throws a retry-later failure if the call must not reach BioTime now. */
    public void beforeCall() {
        State changed = null;
        synchronized (this) {
            if (state == State.OPEN) {
                if (clock.instant().isBefore(openUntil)) {
                    throw BioTimeException.circuitOpen(Duration.between(clock.instant(), openUntil));
                }
                state = State.HALF_OPEN;
                changed = state;
            }
            if (state == State.HALF_OPEN) {
                if (trialRunning) {
                    throw BioTimeException.circuitOpen(Duration.ZERO);
                }
                trialRunning = true;
            }
        }
        notifyListeners(changed);
    }

    /** BioTime answered (any answer but an outage). */
    public void onAnswer() {
        State changed = null;
        synchronized (this) {
            failures = 0;
            trialRunning = false;
            openFor = firstOpen;
            if (state != State.CLOSED) {
                state = State.CLOSED;
                changed = state;
            }
        }
        if (changed != null) {
            log.info("BioTime answers again: circuit closed");
        }
        notifyListeners(changed);
    }

    /** BioTime did not answer usefully: timeout, refused connection, 5xx. */
    public void onOutage(String reason) {
        State changed = null;
        synchronized (this) {
            trialRunning = false;
            failures++;
            if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= threshold)) {
                if (state == State.HALF_OPEN) {
                    openFor = openFor.multipliedBy(2).compareTo(maxOpen) > 0 ? maxOpen : openFor.multipliedBy(2);
                }
                state = State.OPEN;
                openUntil = clock.instant().plus(openFor);
                changed = state;
            }
        }
        if (changed != null) {
            log.warn("BioTime unavailable ({}): circuit open for {}", reason, openFor);
        }
        notifyListeners(changed);
    }

    /** Open, and its open period is over: the next call is the trial. */
    public synchronized boolean trialDue() {
        return state == State.OPEN && !clock.instant().isBefore(openUntil);
    }

    public synchronized State state() {
        return state;
    }

    private void notifyListeners(State changed) {
        if (changed != null) {
            listeners.forEach(l -> l.accept(changed));
        }
    }
}
