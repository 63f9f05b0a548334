package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.gatesync.common.entrylog.EntryFlag;
import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.worker.attendance.Timeline.Kind;
import io.gatesync.worker.attendance.Timeline.Row;
import io.gatesync.worker.attendance.Timeline.StoredRow;

/**
 * {@link Timeline}: how a person's check-ins and check-outs pair into entry logs, whatever order they are put on the
 * line in. In memory: the stored entry logs are given as the reader would load them.
 */
class TimelineTest {

    private static final Instant NINE = Instant.parse("2026-10-01T04:00:00Z");

    private record Tap(Kind kind, long minutes, long id) {}

    private static Instant at(long minutes) {
        return NINE.plusSeconds(minutes * 60);
    }

    private static Timeline line(StoredRow... rows) {
        Timeline line = new Timeline(7, "3520212345671");
        for (StoredRow row : rows) {
            line.load(row);
        }
        return line;
    }

    /** A row as "entry id → exit id" ("-" for none), with the stored row's id first when it has one. */
    private static String visit(Row row) {
        return (row.id == null ? "" : "#" + row.id + " ") + (row.entry == null ? "-" : row.entry.transactionId) + "→"
                + (row.exit == null ? "-" : row.exit.transactionId);
    }

    private static List<String> written(Timeline line) {
        List<String> visits = new ArrayList<>();
        line.changed().forEach(r -> visits.add(visit(r)));
        line.created().forEach(r -> visits.add(visit(r)));
        return visits;
    }

    @Test
    void aCheckOutClosesTheCheckInDirectlyBeforeItWhateverOrderThePunchesComeIn() {
        List<Tap> taps = new ArrayList<>(List.of(
                new Tap(Kind.IN, 0, 1),
                new Tap(Kind.OUT, 180, 2),
                new Tap(Kind.IN, 240, 3),
                new Tap(Kind.IN, 300, 4),
                new Tap(Kind.OUT, 480, 5),
                new Tap(Kind.OUT, 540, 6)));
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(taps, random);
            Timeline line = line();
            taps.forEach(t -> line.apply(t.kind(), at(t.minutes()), t.id(), null));

            assertThat(written(line)).as("order %s", taps).containsExactlyInAnyOrder("1→2", "3→-", "4→5", "-→6");
        }
    }

    @Test
    void anExitWithoutEntryIsFlaggedAndAWholeVisitIsNot() {
        Timeline line = line();
        line.apply(Kind.OUT, at(60), 2, null);
        line.apply(Kind.OUT, at(120), 3, null);
        line.apply(Kind.IN, at(0), 1, null);

        assertThat(line.created())
                .extracting(TimelineTest::visit, Row::flag)
                .containsExactlyInAnyOrder(tuple("1→2", null), tuple("-→3", EntryFlag.EXIT_WITHOUT_ENTRY.name()));
    }

    @Test
    void aLateCheckInTakesTheStoredCheckOutAfterItAndReopensTheEarlierVisit() {
        Timeline line = line(
                new StoredRow(50, EntrySource.BIOTIME.name(), at(0), at(480), 1L, 2L, null, null, 0, 0, null, null));
        line.apply(Kind.IN, at(180), 3, null);

        assertThat(written(line)).containsExactlyInAnyOrder("#50 1→-", "3→2");
    }

    @Test
    void anExitTheGateRecordedIsNeverMoved() {
        // GateSync pushed this exit (its push started): the gate closed that visit as it happened
        Timeline line = line(new StoredRow(60, "GATE", at(0), at(480), 10L, 11L, at(0), at(480), 0, 0, null, null));
        line.apply(Kind.IN, at(180), 3, null);
        line.apply(Kind.OUT, at(240), 4, null);

        assertThat(line.changed()).as("the gate's visit").isEmpty();
        assertThat(written(line)).containsExactlyInAnyOrder("3→4");
        assertThat(line.remove(11)).as("nor taken off").isFalse();
    }

    @Test
    void aGatePunchBeingPushedAnswersForOnePulledPunchInTheSecondItIsSentIn() {
        // entry at 09:00:00 sent two seconds later (one punch per person and second in BioTime), id not known yet
        Timeline line = line(new StoredRow(70, "GATE", NINE, null, null, null, NINE, null, 2, 0, null, null));

        assertThat(line.claimPushInFlight(Kind.IN, NINE))
                .as("not the second it is sent in")
                .isFalse();
        assertThat(line.claimPushInFlight(Kind.OUT, NINE.plusSeconds(2)))
                .as("not an exit")
                .isFalse();
        assertThat(line.claimPushInFlight(Kind.IN, NINE.plusSeconds(2))).isTrue();
        assertThat(line.claimPushInFlight(Kind.IN, NINE.plusSeconds(2)))
                .as("once only")
                .isFalse();
    }

    @Test
    void aCheckInTakenOffGivesItsExitToTheOpenCheckInBeforeIt() {
        Timeline line = line(
                new StoredRow(80, EntrySource.BIOTIME.name(), at(0), null, 1L, null, null, null, 0, 0, null, null),
                new StoredRow(81, EntrySource.BIOTIME.name(), at(60), at(120), 2L, 3L, null, null, 0, 0, null, null));

        assertThat(line.remove(2)).isTrue();

        assertThat(written(line)).containsExactlyInAnyOrder("#80 1→3");
        assertThat(line.emptied()).extracting(r -> r.id).containsExactly(81L);
        assertThat(line.remove(2)).as("gone already").isFalse();
    }

    @Test
    void keptBetweenGivesThePulledEntriesAndExitsWithTheirTerminalsInsideTheSpanBothEndsIncluded() {
        Timeline line = line(
                new StoredRow(90, EntrySource.BIOTIME.name(), at(0), at(10), 1L, 2L, null, null, 0, 0, "T1", "T2"),
                new StoredRow(91, EntrySource.BIOTIME.name(), at(20), at(30), 3L, 4L, null, null, 0, 0, "T1", null),
                new StoredRow(92, "GATE", at(40), at(50), 5L, 6L, at(40), at(50), 0, 0, null, null),
                new StoredRow(93, EntrySource.BIOTIME.name(), at(60), null, 7L, null, null, null, 0, 0, "T3", null));

        assertThat(line.keptBetween(at(10), at(60)))
                .as("a day-rule exit (no terminal kept) and the gate's punches are not among them")
                .extracting(e -> e.transactionId, e -> e.kind, e -> e.terminalSn)
                .containsExactly(tuple(2L, Kind.OUT, "T2"), tuple(3L, Kind.IN, "T1"), tuple(7L, Kind.IN, "T3"));
        assertThat(line.keptBetween(at(11), at(59)))
                .extracting(e -> e.transactionId)
                .containsExactly(3L);
    }
}
