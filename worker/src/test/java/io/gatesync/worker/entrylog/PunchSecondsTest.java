package io.gatesync.worker.entrylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatesync.worker.entrylog.PunchSeconds.Event;

/** One punch per person and second in BioTime: which second each of a person's punches goes in. */
class PunchSecondsTest {

    private static final Instant NINE = Instant.parse("2026-11-24T04:00:00Z");

    @Test
    void punchesInSecondsOfTheirOwnKeepThem() {
        assertThat(PunchSeconds.plan(List.of(
                        new Event(1, Direction.ENTRY, NINE.plusMillis(900), null),
                        new Event(1, Direction.EXIT, NINE.plusSeconds(1), null))))
                .isEqualTo(Map.of(new LogPunch(1, Direction.ENTRY), 0, new LogPunch(1, Direction.EXIT), 0));
    }

    @Test
    void anExitInItsEntrysSecondGoesASecondLater() {
        assertThat(PunchSeconds.plan(List.of(
                        new Event(1, Direction.EXIT, NINE.plusMillis(300), null),
                        new Event(1, Direction.ENTRY, NINE.plusMillis(300), null))))
                .containsEntry(new LogPunch(1, Direction.ENTRY), 0)
                .containsEntry(new LogPunch(1, Direction.EXIT), 1);
    }

    @Test
    void aReturnInTheSecondOfTheExitGoesAfterItWhicheverIsPushedFirst() {
        List<Event> unsent = List.of(
                new Event(1, Direction.ENTRY, NINE.minusSeconds(7200), 0),
                new Event(1, Direction.EXIT, NINE.plusMillis(100), null),
                new Event(2, Direction.ENTRY, NINE.plusMillis(900), null));
        assertThat(PunchSeconds.plan(unsent))
                .isEqualTo(Map.of(new LogPunch(1, Direction.EXIT), 0, new LogPunch(2, Direction.ENTRY), 1));
        // the exit pushed already (in its own second): the return still goes after it
        List<Event> exitSent = List.of(
                new Event(1, Direction.EXIT, NINE.plusMillis(100), 0),
                new Event(2, Direction.ENTRY, NINE.plusMillis(900), null));
        assertThat(PunchSeconds.plan(exitSent)).isEqualTo(Map.of(new LogPunch(2, Direction.ENTRY), 1));
    }

    @Test
    void aRunOfPunchesInOneSecondSpreadsOverTheNextSecondsAndASentPunchKeepsItsShift() {
        List<Event> events = List.of(
                new Event(1, Direction.ENTRY, NINE, 2), // sent two seconds later already
                new Event(1, Direction.EXIT, NINE.plusMillis(200), null),
                new Event(2, Direction.ENTRY, NINE.plusMillis(400), null),
                new Event(3, Direction.ENTRY, NINE.plusSeconds(10), null));
        assertThat(PunchSeconds.plan(events))
                .isEqualTo(Map.of(
                        new LogPunch(1, Direction.EXIT),
                        3,
                        new LogPunch(2, Direction.ENTRY),
                        4,
                        new LogPunch(3, Direction.ENTRY),
                        0));
    }
}
