package io.gatesync.worker.biotime;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * This worker's share of the cluster's in-flight budget (ZKTECO_MAX_IN_FLIGHT divided among live workers; see
 * {@link io.gatesync.worker.cluster.WorkerRegistry}). The limit can change while threads wait.
 */
public class InFlightLimit {

    private final AtomicInteger limitView = new AtomicInteger();
    private int limit;
    private int inFlight;

    public InFlightLimit(int initialLimit, MeterRegistry metrics) {
        this.limit = initialLimit;
        limitView.set(initialLimit);
        Gauge.builder("gatesync.biotime.inflight", this, InFlightLimit::inFlight)
                .description("BioTime requests in flight from this worker")
                .register(metrics);
        Gauge.builder("gatesync.biotime.inflight.limit", limitView, AtomicInteger::get)
                .description("This worker's share of ZKTECO_MAX_IN_FLIGHT")
                .register(metrics);
    }

    public synchronized void acquire() {
        while (inFlight >= limit) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a BioTime request slot", e);
            }
        }
        inFlight++;
    }

    public synchronized void release() {
        inFlight--;
        notifyAll();
    }

    public synchronized void setLimit(int newLimit) {
        limit = Math.max(1, newLimit);
        limitView.set(limit);
        notifyAll();
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int limit() {
        return limit;
    }
}
