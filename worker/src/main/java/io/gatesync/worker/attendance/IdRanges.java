package io.gatesync.worker.attendance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A set of BioTime ids as a SQL condition of few parameters: ids closer than {@link #MAX_GAP} join one
 * {@code BETWEEN} range, the ids left alone go in one {@code IN} list. A batch's ids come from pages read by
 * arrival, so they lie close together: a thousand ids make a few dozen ranges instead of a thousand parameters, which
 * the driver parsed and bound (a fifth of an import batch's time) and the database looked up one by one. The
 * condition matches ids between the asked ones too: the caller keeps only the ids it asked for.
 *
 * @param singles ids with no other within {@link #MAX_GAP}
 * @param ranges  {@code [from, to]}, inclusive, each holding at least two of the ids
 */
record IdRanges(List<Long> singles, List<long[]> ranges) {

    /**
     * The widest gap inside a range. A range reads every stored id in it, so at most this many times the ids asked
     * for; a read by arrival has gaps of a few ids (the other lanes' people).
     */
    static final int MAX_GAP = 16;

    static IdRanges of(Collection<Long> ids) {
        long[] sorted =
                ids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<Long> singles = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] - sorted[i - 1] > MAX_GAP) {
                if (i - start == 1) {
                    singles.add(sorted[start]);
                } else {
                    ranges.add(new long[] {sorted[start], sorted[i - 1]});
                }
                start = i;
            }
        }
        return new IdRanges(singles, ranges);
    }

    /** The condition on {@code column}, with {@link #params()} in order; never empty ids. */
    String where(String column) {
        List<String> parts = new ArrayList<>();
        if (!singles.isEmpty()) {
            parts.add(column + " IN (" + "?, ".repeat(singles.size() - 1) + "?)");
        }
        for (int i = 0; i < ranges.size(); i++) {
            parts.add(column + " BETWEEN ? AND ?");
        }
        return "(" + String.join(" OR ", parts) + ")";
    }

    List<Object> params() {
        List<Object> params = new ArrayList<>(singles);
        for (long[] range : ranges) {
            params.add(range[0]);
            params.add(range[1]);
        }
        return params;
    }
}
