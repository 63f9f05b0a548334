package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.worker.attendance.BatchDecisions.Counts;
import io.gatesync.worker.attendance.BatchDecisions.Stored;
import io.gatesync.worker.attendance.PunchPolicy.DayPunch;
import io.gatesync.worker.attendance.PunchPolicy.Decision;
import io.gatesync.worker.attendance.PunchPolicy.Rule;

/**
 * {@link BatchDecisions}: what a batch's punches become, with the pulled punches around them, and what that does to
 * the people's time lines. No database: the stored punches and entry logs are given as the reader would hand them.
 */
class BatchDecisionsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Karachi");
    private static final Instant NINE = Instant.parse("2026-10-01T04:00:00Z"); // 09:00 in Karachi
    private static final LocalDate DAY = LocalDate.of(2026, 10, 1);
    private static final long PERSON = 7;
    private static final String CNIC = "3520212345671";

    private final PunchPolicy policy = PunchPolicy.of("skip", "alternate", "", 3, ZONE);

    /** What the batch handed its outcome, in order. */
    private final List<String> outcome = new ArrayList<>();

    private final BatchDecisions.Outcome recorder = new BatchDecisions.Outcome() {
        @Override
        public void pulled(KnownPunch punch, LocalDate day, Decision decision) {
            outcome.add("pulled " + punch.id() + " " + day + " " + decision);
        }

        @Override
        public void redecided(Stored punch, LocalDate day, Decision decision) {
            outcome.add("redecided " + punch.punch().id() + " " + day + " " + decision);
        }
    };

    private static Instant at(long minutes) {
        return NINE.plusSeconds(minutes * 60);
    }

    private static KnownPunch fresh(long id, Rule rule, Instant time, String terminal) {
        return new KnownPunch(id, rule, time, PERSON, CNIC, terminal);
    }

    private static Stored stored(long id, Rule rule, Instant time, Decision decision) {
        return new Stored(PERSON, new DayPunch(id, time, "T1", rule), decision);
    }

    private static Map<Long, List<KnownPunch>> batch(KnownPunch... punches) {
        Map<Long, List<KnownPunch>> fresh = new TreeMap<>();
        fresh.put(PERSON, new ArrayList<>(List.of(punches)));
        return fresh;
    }

    private static Map<Long, Timeline> line(Timeline.StoredRow... rows) {
        Timeline line = new Timeline(PERSON, CNIC);
        for (Timeline.StoredRow row : rows) {
            line.load(row);
        }
        Map<Long, Timeline> lines = new LinkedHashMap<>();
        lines.put(PERSON, line);
        return lines;
    }

    private static Long entryId(Timeline.Row row) {
        return row.entry == null ? null : row.entry.transactionId;
    }

    private static Long exitId(Timeline.Row row) {
        return row.exit == null ? null : row.exit.transactionId;
    }

    @Test
    void aCheckInAndACheckOutOfANewPersonMakeOneVisit() {
        BatchDecisions decisions = BatchDecisions.decide(
                policy, batch(fresh(2, Rule.OUT, at(480), "T1"), fresh(1, Rule.IN, at(0), "T1")), Map.of());
        assertThat(decisions.lo()).isEqualTo(at(0));
        assertThat(decisions.hi()).isEqualTo(at(480));
        assertThat(decisions.changed()).isEmpty();

        Map<Long, Timeline> lines = line();
        Counts counts = decisions.apply(lines, recorder);

        assertThat(counts).isEqualTo(new Counts(2, 0, 0));
        assertThat(outcome)
                .as("an entry and an exit are kept on their entry log alone")
                .isEmpty();
        List<Timeline.Row> created = lines.get(PERSON).created();
        assertThat(created).hasSize(1);
        assertThat(entryId(created.get(0))).isEqualTo(1L);
        assertThat(exitId(created.get(0))).isEqualTo(2L);
        assertThat(created.get(0).entry.terminalSn).as("with their terminals").isEqualTo("T1");
        assertThat(created.get(0).exit.terminalSn).isEqualTo("T1");
    }

    @Test
    void aSecondTapOnTheSameTerminalWithinTheBounceIsFoldedNotImported() {
        BatchDecisions decisions = BatchDecisions.decide(
                policy,
                batch(
                        fresh(1, Rule.IN, NINE, "T1"),
                        fresh(2, Rule.IN, NINE.plusSeconds(2), "T1"),
                        fresh(3, Rule.IN, NINE.plusSeconds(2), "T2")),
                Map.of());
        assertThat(decisions.decision(2)).isEqualTo(Decision.BOUNCE);
        assertThat(decisions.decision(3)).as("another terminal is another tap").isEqualTo(Decision.IN);

        Map<Long, Timeline> lines = line();
        assertThat(decisions.apply(lines, recorder)).isEqualTo(new Counts(2, 0, 1));
        assertThat(outcome).containsExactly("pulled 2 " + DAY + " BOUNCE");
        assertThat(lines.get(PERSON).created())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.exit).isNull());
    }

    @Test
    void aLateAlternateUploadTurnsTheStoredPunchAfterItAndMovesItOnTheLine() {
        // stored: 09:00 (1) IN and 17:00 (2) OUT, one visit; uploaded late: 12:00 (3)
        Map<Long, List<Stored>> around = Map.of(
                PERSON,
                List.of(
                        stored(1, Rule.ALTERNATE, at(0), Decision.IN),
                        stored(2, Rule.ALTERNATE, at(480), Decision.OUT)));
        BatchDecisions decisions =
                BatchDecisions.decide(policy, batch(fresh(3, Rule.ALTERNATE, at(180), "T1")), around);

        assertThat(decisions.decision(3)).isEqualTo(Decision.OUT);
        assertThat(decisions.changed()).extracting(s -> s.punch().id()).containsExactly(2L);
        assertThat(decisions.lo()).as("the line is read from the new punch").isEqualTo(at(180));
        assertThat(decisions.hi()).as("to the stored one it turns").isEqualTo(at(480));

        Map<Long, Timeline> lines = line(new Timeline.StoredRow(
                50, EntrySource.BIOTIME.name(), at(0), at(480), 1L, 2L, null, null, 0, 0, null, null));
        assertThat(decisions.apply(lines, recorder)).isEqualTo(new Counts(1, 0, 0));

        assertThat(outcome)
                .as("day-rule punches are kept in pulled_punches")
                .containsExactly("redecided 2 " + DAY + " IN", "pulled 3 " + DAY + " OUT");
        Timeline line = lines.get(PERSON);
        assertThat(line.changed()).singleElement().satisfies(row -> {
            assertThat(row.id).isEqualTo(50L);
            assertThat(entryId(row)).isEqualTo(1L);
            assertThat(exitId(row)).as("closed by the late upload now").isEqualTo(3L);
        });
        assertThat(line.created()).singleElement().satisfies(row -> {
            assertThat(entryId(row)).as("the turned punch opens a visit").isEqualTo(2L);
            assertThat(row.exit).isNull();
        });
    }

    @Test
    void aStoredEntryFarFromTheNewOnesIsNotDecidedAgain() {
        // read for bounces at the edge of its window, it lacks the punch before it: it would look like an entry
        Map<Long, List<Stored>> around = Map.of(PERSON, List.of(stored(1, Rule.IN, at(-9), Decision.BOUNCE)));
        BatchDecisions decisions = BatchDecisions.decide(policy, batch(fresh(2, Rule.IN, NINE, "T9")), around);

        assertThat(decisions.decision(1)).isEqualTo(Decision.IN);
        assertThat(decisions.changed()).isEmpty();
        assertThat(decisions.lo()).isEqualTo(NINE);
    }

    @Test
    void aStoredEntryNearTheNewOnesIsDecidedAgain() {
        Map<Long, List<Stored>> around = Map.of(PERSON, List.of(stored(1, Rule.IN, at(-4), Decision.BOUNCE)));
        BatchDecisions decisions = BatchDecisions.decide(policy, batch(fresh(2, Rule.IN, NINE, "T9")), around);

        assertThat(decisions.changed()).extracting(s -> s.punch().id()).containsExactly(1L);
        assertThat(decisions.lo()).isEqualTo(at(-4));
    }

    @Test
    void anEntryKeptOnItsEntryLogThatALateTapTurnsIntoABounceLeavesTheLineAndGetsItsRow() {
        // stored on its entry log alone: 09:00:02 on T1; uploaded late: 09:00:00 on T1, the first tap of the two
        Map<Long, List<Stored>> around = Map.of(
                PERSON, List.of(new Stored(PERSON, new DayPunch(2, NINE.plusSeconds(2), "T1", Rule.IN), Decision.IN)));
        BatchDecisions decisions = BatchDecisions.decide(policy, batch(fresh(1, Rule.IN, NINE, "T1")), around);
        assertThat(decisions.decision(2)).isEqualTo(Decision.BOUNCE);

        Map<Long, Timeline> lines = line(new Timeline.StoredRow(
                50, EntrySource.BIOTIME.name(), NINE.plusSeconds(2), null, 2L, null, null, null, 0, 0, "T1", null));
        assertThat(decisions.apply(lines, recorder)).isEqualTo(new Counts(1, 0, 0));

        assertThat(outcome)
                .as("the bounce is kept in pulled_punches, the new entry on its entry log")
                .containsExactly("redecided 2 " + DAY + " BOUNCE");
        Timeline line = lines.get(PERSON);
        assertThat(line.emptied())
                .as("the bounce's row holds nothing now")
                .extracting(r -> r.id)
                .containsExactly(50L);
        assertThat(line.created()).singleElement().satisfies(row -> {
            assertThat(entryId(row)).as("the late tap is the entry").isEqualTo(1L);
            assertThat(row.entry.terminalSn).isEqualTo("T1");
        });
    }

    @Test
    void aPunchMatchingAGatePunchGateSyncIsPushingCountsAsADuplicateAndIsNotStored() {
        // a gate's entry at 09:00 whose push started and whose BioTime id is not recorded yet
        Map<Long, Timeline> lines =
                line(new Timeline.StoredRow(60, "GATE", NINE, null, null, null, NINE, null, 0, 0, null, null));
        BatchDecisions decisions = BatchDecisions.decide(
                policy, batch(fresh(1, Rule.IN, NINE, "T1"), fresh(2, Rule.OUT, at(60), "T1")), Map.of());

        assertThat(decisions.apply(lines, recorder)).isEqualTo(new Counts(1, 1, 0));

        assertThat(outcome).isEmpty();
        assertThat(lines.get(PERSON).created()).isEmpty();
        assertThat(lines.get(PERSON).changed()).singleElement().satisfies(row -> {
            assertThat(row.id).isEqualTo(60L);
            assertThat(exitId(row))
                    .as("the pulled check-out closes the gate's visit")
                    .isEqualTo(2L);
        });
    }
}
