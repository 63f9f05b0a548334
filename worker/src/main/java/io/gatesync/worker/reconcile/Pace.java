package io.gatesync.worker.reconcile;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps reconciliation's own BioTime reads to a share of the cluster's budget, one at a time: live punches take the
 * same budget slot by slot, so a run that asked for every slot would hold them back by its whole read.
 */
final class Pace {

    /** Of ZKTECO_RATE_LIMIT, what one run's reads may use at most; the rest stays free for live traffic. */
    static final double SHARE = 0.5;

    private final long intervalNanos;
    private long next = System.nanoTime();

    Pace(double rateLimit) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / (rateLimit * SHARE));
    }

    /** Waits until the next read is due. */
    synchronized void await() {
        long now = System.nanoTime();
        if (next > now) {
            LockSupport.parkNanos(next - now);
            now = next;
        }
        next = now + intervalNanos;
    }
}
