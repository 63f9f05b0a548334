package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** {@link IdRanges}: which ids join a range, and the condition and parameters they make. */
class IdRangesTest {

    @Test
    void closeIdsJoinRangesAndLoneOnesStayInTheList() {
        IdRanges ids = IdRanges.of(List.of(130L, 100L, 104L, 100L, 500L, 131L, 147L, 900L));

        assertThat(ids.singles()).containsExactly(500L, 900L);
        assertThat(ids.ranges()).containsExactly(new long[] {100, 104}, new long[] {130, 147});
        assertThat(ids.where("id")).isEqualTo("(id IN (?, ?) OR id BETWEEN ? AND ? OR id BETWEEN ? AND ?)");
        assertThat(ids.params()).containsExactly(500L, 900L, 100L, 104L, 130L, 147L);
    }

    @Test
    void aGapWiderThanTheLimitCutsTheRange() {
        long gap = IdRanges.MAX_GAP;
        long wide = gap + 1;
        IdRanges ids = IdRanges.of(List.of(1L, 1 + gap, 1 + gap + wide));

        assertThat(ids.ranges()).containsExactly(new long[] {1, 1 + gap});
        assertThat(ids.singles()).containsExactly(1 + gap + wide);
    }

    @Test
    void aBatchReadByArrivalIsAFewParameters() {
        // every fifth id of two thousand (the other lanes' people between), then a second page far on
        List<Long> batch = LongStream.concat(
                        LongStream.range(0, 400).map(i -> 10_000 + 5 * i),
                        LongStream.range(0, 400).map(i -> 90_000 + 5 * i))
                .boxed()
                .toList();

        IdRanges ids = IdRanges.of(batch);

        assertThat(ids.singles()).isEmpty();
        assertThat(ids.params()).containsExactly(10_000L, 11_995L, 90_000L, 91_995L);
    }

    @Test
    void oneIdIsAnInList() {
        assertThat(IdRanges.of(List.of(7L)).where("x")).isEqualTo("(x IN (?))");
    }
}
