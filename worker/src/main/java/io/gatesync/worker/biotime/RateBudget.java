package io.gatesync.worker.biotime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One BioTime request budget for the whole cluster, kept in MySQL ({@code rate_budget}).
 * <p>
 * Permits are time slots on a grid of 1/rate seconds, each in the middle of its cell, so a calendar second holds at
 * most {@code rate} of them (the arithmetic is {@link SlotGrid}'s). A worker leases as many consecutive slots as it
 * has threads waiting (one database round trip for several requests) and advances the shared {@code next_slot_us}
 * past them; workers' slots therefore interleave and never overlap. A thread sends at its slot's time, and a slot
 * that can no longer be used inside its own second (its thread woke too late, or nobody needed it) is dropped, never
 * used late: budget may be wasted, but no second gets more than the rate. Unused slots of a dead worker simply pass.
 * <p>
 * Each second's slots are spread over its first 80% only, and a slot is used only while its request has 150 ms
 * left in its second: BioTime counts a request when it arrives, and one sent at the very end of a second would
 * land in the next (seen in bench/: 51 requests in a second at a budget of 50, once every few minutes with 95% and
 * 25 ms, and once in a full run with 90% and 50 ms, when four workers, the api and the database shared two
 * cores).
 */
public class RateBudget {

    private static final String NAME = "biotime";
    private static final int MAX_LEASE = 50;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DoubleSupplier rate;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    /** Threads wanting a permit now: the size of the next lease. */
    private final AtomicInteger demand = new AtomicInteger();

    private final Timer waits;
    private final Counter leases;
    private final Counter dropped;

    public RateBudget(JdbcClient jdbc, TransactionTemplate tx, DoubleSupplier rate, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rate = rate;
        this.waits = Timer.builder("gatesync.biotime.ratelimit.wait")
                .description("Time a BioTime request waited for a permit of the cluster budget")
                .publishPercentileHistogram()
                .register(metrics);
        this.leases = Counter.builder("gatesync.biotime.ratelimit.leases")
                .description("Slot leases taken from the shared budget")
                .register(metrics);
        this.dropped = Counter.builder("gatesync.biotime.ratelimit.dropped")
                .description("Leased slots dropped unused (not needed in time)")
                .register(metrics);
        // the cluster's budget (ZKTECO_RATE_LIMIT, runtime overrides included): use = permits granted / this
        Gauge.builder("gatesync.biotime.ratelimit.rate", rate, DoubleSupplier::getAsDouble)
                .description("BioTime requests per second allowed for the whole cluster")
                .strongReference(true)
                .register(metrics);
        jdbc.sql("INSERT IGNORE INTO rate_budget (name, next_slot_us) VALUES (?, 0)")
                .param(NAME)
                .update();
    }

    /** A slot: when to send, and the latest moment the send may still start (both local nanoTime). */
    private record Slot(long at, long deadline) {}

    /** Blocks until this thread may send one request. */
    public void acquire() {
        long start = System.nanoTime();
        while (true) {
            demand.incrementAndGet();
            Slot slot;
            try {
                slot = take();
            } finally {
                demand.decrementAndGet();
            }
            long now = System.nanoTime();
            if (slot.at() > now) {
                LockSupport.parkNanos(slot.at() - now);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for a BioTime permit");
                }
            }
            if (System.nanoTime() <= slot.deadline()) {
                waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return;
            }
            dropped.increment(); // woke too late for this slot's second; take the next one
        }
    }

    private synchronized Slot take() {
        while (true) {
            Slot slot = slots.poll();
            if (slot == null) {
                lease(Math.max(1, Math.min(MAX_LEASE, demand.get())));
            } else if (System.nanoTime() > slot.deadline()) {
                dropped.increment();
            } else {
                return slot;
            }
        }
    }

    private void lease(int count) {
        double perSecond = rate.getAsDouble();
        tx.executeWithoutResult(status -> {
            long asked = System.nanoTime();
            long[] state = jdbc.sql("SELECT next_slot_us, CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED) "
                            + "FROM rate_budget WHERE name = ? FOR UPDATE")
                    .param(NAME)
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
            // NOW() is the statement's start, before any wait for the row lock: the moment we asked, not answered
            // (taking the answer's moment put every slot late by the lock wait, past its second's end under load)
            long localNow = asked;
            long dbNow = state[1];
            long next = SlotGrid.lease(
                    perSecond,
                    state[0],
                    dbNow,
                    count,
                    (sendUs, deadlineUs) -> slots.add(
                            new Slot(localNow + (sendUs - dbNow) * 1000, localNow + (deadlineUs - dbNow) * 1000)));
            jdbc.sql("UPDATE rate_budget SET next_slot_us = ? WHERE name = ?")
                    .params(next, NAME)
                    .update();
        });
        leases.increment();
    }

    /** BioTime (or a proxy) said 429: nobody in the cluster sends before {@code wait} has passed. */
    public synchronized void pauseFor(Duration wait) {
        slots.clear();
        jdbc.sql("UPDATE rate_budget SET next_slot_us = GREATEST(next_slot_us, "
                        + "CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED) + ?) WHERE name = ?")
                .params(wait.toNanos() / 1000, NAME)
                .update();
    }

    public double rate() {
        return rate.getAsDouble();
    }
}
