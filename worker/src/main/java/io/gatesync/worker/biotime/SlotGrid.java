package io.gatesync.worker.biotime;

/**
 * The {@link RateBudget}'s slot arithmetic, pure, in the database's microseconds since the epoch. Slots sit on a grid
 * of 1/rate seconds, each in the middle of its cell, so a calendar second holds at most {@code rate} of them; each is
 * sent at the same point of the first 80% of its second ({@link #SPREAD}), and not at all once its second has less
 * than {@link #LATE_MARGIN_US} left.
 */
final class SlotGrid {

    /** The part of each second its slots are spread over; the rest is for requests still on their way. */
    static final double SPREAD = 0.8;
    /** A slot is used only if its request can start this long before its second ends. */
    static final long LATE_MARGIN_US = 150_000;

    private SlotGrid() {}

    /** Receives a leased slot: when to send, and the latest moment the send may still start. */
    @FunctionalInterface
    interface Slots {
        void add(long sendUs, long deadlineUs);
    }

    /**
     * Leases {@code count} (at least one) consecutive slots: the first on the grid at or after {@code nextSlotUs}
     * (the shared next slot) and {@code nowUs}, whichever is later. Answers the next slot to store, just past the
     * last one leased (it stays on the grid).
     */
    static long lease(double perSecond, long nextSlotUs, long nowUs, int count, Slots slots) {
        double interval = 1_000_000.0 / perSecond;
        long from = Math.max(nextSlotUs, nowUs);
        long first = (long) Math.ceil(from / interval - 0.5);
        if ((long) ((first + 0.5) * interval) < from) {
            // a cell that is no whole number of microseconds: the stored next slot (the last one's whole microseconds
            // + 1) may divide back into that last cell, which must not be leased twice
            first++;
        }
        long lastSlotUs = 0;
        for (long k = first; k < first + count; k++) {
            long slotUs = (long) ((k + 0.5) * interval); // on the grid; next_slot_us stays on it
            long secondStartUs = slotUs / 1_000_000 * 1_000_000;
            long sendUs = secondStartUs + (long) ((slotUs - secondStartUs) * SPREAD); // same second, earlier
            slots.add(sendUs, secondStartUs + 1_000_000 - LATE_MARGIN_US);
            lastSlotUs = slotUs;
        }
        return lastSlotUs + 1;
    }
}
