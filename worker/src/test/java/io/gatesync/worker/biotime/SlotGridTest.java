package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SlotGrid}: where the rate budget's slots fall, and that no second gets more than the rate. */
class SlotGridTest {

    /** A second boundary, in microseconds since the epoch. */
    private static final long SECOND = 1_764_000_000L * 1_000_000;

    private record Slot(long sendUs, long deadlineUs) {}

    private final List<Slot> slots = new ArrayList<>();

    private long lease(double rate, long nextSlotUs, long nowUs, int count) {
        return SlotGrid.lease(rate, nextSlotUs, nowUs, count, (send, deadline) -> slots.add(new Slot(send, deadline)));
    }

    @Test
    void fiftyASecondSitInTheMiddleOfTheirCellsAndAreSentInTheFirstEightyPercent() {
        long next = lease(50, 0, SECOND, 50);

        assertThat(slots).hasSize(50);
        assertThat(slots.get(0))
                .as("cell 0 of 20 ms: its middle, 10 ms, at 80%")
                .isEqualTo(new Slot(SECOND + 8_000, SECOND + 850_000));
        assertThat(slots.get(1)).isEqualTo(new Slot(SECOND + 24_000, SECOND + 850_000));
        assertThat(slots.get(49))
                .as("the last cell's middle, 990 ms, at 80%")
                .isEqualTo(new Slot(SECOND + 792_000, SECOND + 850_000));
        assertThat(next).as("just past the last slot, 990 ms").isEqualTo(SECOND + 990_001);
    }

    @Test
    void theNextLeaseGoesOnFromTheSharedNextSlotIntoTheNextSecond() {
        long next = lease(50, 0, SECOND, 50);
        slots.clear();

        lease(50, next, SECOND + 100_000, 2); // another worker, asking while this second's slots are all taken

        assertThat(slots)
                .containsExactly(
                        new Slot(SECOND + 1_000_000 + 8_000, SECOND + 1_850_000),
                        new Slot(SECOND + 1_000_000 + 24_000, SECOND + 1_850_000));
    }

    @Test
    void slotsNobodyTookInThePastPassAndTheLeaseStartsNow() {
        long next = lease(10, SECOND - 5_000_000, SECOND + 420_000, 1);

        assertThat(slots)
                .as("the first cell of 100 ms whose middle is not before now: 450 ms")
                .containsExactly(new Slot(SECOND + 360_000, SECOND + 850_000));
        assertThat(next).isEqualTo(SECOND + 450_001);
    }

    @Test
    void theDeadlineLeavesTheLateMarginOfTheSlotsOwnSecond() {
        lease(4, 0, SECOND, 8); // 125, 375, 625, 875 ms of each second

        assertThat(slots)
                .extracting(Slot::deadlineUs)
                .containsExactly(
                        SECOND + 850_000,
                        SECOND + 850_000,
                        SECOND + 850_000,
                        SECOND + 850_000,
                        SECOND + 1_850_000,
                        SECOND + 1_850_000,
                        SECOND + 1_850_000,
                        SECOND + 1_850_000);
        assertThat(slots.get(3).sendUs())
                .as("875 ms at 80%: 700 ms, before its deadline")
                .isEqualTo(SECOND + 700_000);
    }

    @Test
    void aLeaseNeverHandsOutTheSlotThePreviousLeaseEndedOn() {
        // at 7 a second a cell is 142,857.14 us wide: the next slot stored (the last slot's whole microseconds + 1),
        // divided back into cells, rounded to that same cell, so a saturated budget gave one slot to lease after lease
        long next = SECOND;
        for (int i = 0; i < 100; i++) {
            next = lease(7, next, SECOND, 1);
        }
        assertThat(slots).extracting(Slot::sendUs).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 7, 10, 11, 21, 50, 100, 197, 1000})
    void noSecondGetsMoreThanTheRateAndEverySlotIsSentInTimeInsideItsSecond(int rate) {
        long next = SECOND + 123_457; // leases of varying size, one after another, as workers would take them
        for (int count = 1; slots.size() < rate * 5; count = count % 50 + 7) {
            next = lease(rate, next, SECOND, count);
        }

        Map<Long, Integer> perSecond = new TreeMap<>();
        for (Slot slot : slots) {
            long second = slot.sendUs() / 1_000_000;
            perSecond.merge(second, 1, Integer::sum);
            long intoSecond = slot.sendUs() - second * 1_000_000;
            assertThat(intoSecond).isLessThan((long) (1_000_000 * SlotGrid.SPREAD));
            assertThat(slot.deadlineUs())
                    .isEqualTo((second + 1) * 1_000_000 - SlotGrid.LATE_MARGIN_US)
                    .isGreaterThan(slot.sendUs());
        }
        assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(rate));
        assertThat(slots).extracting(Slot::sendUs).isSorted().doesNotHaveDuplicates();
    }
}
