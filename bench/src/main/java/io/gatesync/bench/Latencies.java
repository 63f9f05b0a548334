package io.gatesync.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded from many threads; read once the load has stopped. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The q-quantile (0–1) in milliseconds, nearest rank; 0 when nothing was recorded. */
    synchronized double millis(double q) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }

    Summary summary() {
        return new Summary(count(), millis(0.50), millis(0.99), millis(1.0));
    }

    /** What a results table shows of a set of latencies. */
    record Summary(int count, double p50Ms, double p99Ms, double maxMs) {}
}
