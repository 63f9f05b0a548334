package io.gatesync.api.event;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.gatesync.api.event.EventPairing.Decision;
import io.gatesync.api.event.EventPairing.Exits;
import io.gatesync.api.event.EventPairing.OlderOpenLog;
import io.gatesync.api.event.EventPairing.Person;
import io.gatesync.api.event.EventPairing.StoredEvent;
import io.gatesync.common.person.Cnic;

/**
 * The pairing rules without a database: each test gives what {@link EventStore} would have read (stored events,
 * locked people, open logs, an older open log when asked) and checks what the batch opens, closes, flags and answers.
 * Times are on 2026-11-24 UTC; the site is in Karachi (UTC+5).
 */
class EventPairingTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Karachi");
    private static final Cnic AYESHA = new Cnic("3520212345671");
    private static final Cnic BILAL = new Cnic("3520298765432");
    private static final Cnic NOBODY = new Cnic("1111111111111");
    private static final long AYESHA_ID = 7;
    private static final long BILAL_ID = 8;
    private static final Map<String, Person> PEOPLE =
            Map.of(AYESHA.value(), new Person(AYESHA_ID, null), BILAL.value(), new Person(BILAL_ID, null));
    /** The database when every open log was read: asking it for an older one is a mistake. */
    private static final OlderOpenLog NONE_OLDER = (person, exit, closed) -> {
        throw new AssertionError("asked for an older open log of person " + person + " before " + exit);
    };

    private static Instant at(String hhmm) {
        return Instant.parse("2026-11-24T" + hhmm + ":00Z");
    }

    private static GateEvent entry(String id, Cnic cnic, String hhmm) {
        return new GateEvent(id, cnic, Direction.ENTRY, at(hhmm), "G1");
    }

    private static GateEvent exit(String id, Cnic cnic, String hhmm) {
        return new GateEvent(id, cnic, Direction.EXIT, at(hhmm), "G2");
    }

    /** An open log stored before the batch, as {@link EventStore#openLogs} reads it. */
    private static Visit stored(long id, Cnic cnic, String hhmm) {
        return Visit.stored(id, cnic == AYESHA ? AYESHA_ID : BILAL_ID, cnic, at(hhmm), "G1");
    }

    /** A batch taken through the steps as {@link EventService} takes it, with the database's answers given. */
    private static final class Batch {

        final EventPairing pairing;
        final Set<String> toLock;
        final Exits exits;
        private long nextId = 100;

        Batch(
                List<GateEvent> events,
                Map<String, StoredEvent> storedEvents,
                Map<String, Person> people,
                List<Visit> openLogs,
                OlderOpenLog older) {
            pairing = new EventPairing(events, SITE);
            toLock = pairing.answerRepeats(storedEvents);
            exits = pairing.exitsOf(people);
            pairing.pair(openLogs, older);
        }

        Batch(List<GateEvent> events, List<Visit> openLogs, OlderOpenLog older) {
            this(events, Map.of(), PEOPLE, openLogs, older);
        }

        Batch(GateEvent... events) {
            this(List.of(events), List.of(), NONE_OLDER);
        }

        /** Each event's outcome, or its refusal, once the created logs got ids (100, 101, … as inserted). */
        List<String> outcomes() {
            pairing.created().forEach(v -> v.id = nextId++);
            List<String> outcomes = new ArrayList<>();
            for (Decision d : pairing.decisions()) {
                outcomes.add(
                        d.refused() != null
                                ? d.refused().name()
                                : d.result().outcome() + (d.replayed() ? " again" : ""));
            }
            return outcomes;
        }

        /** The log each event opened or closed, as "entry→exit" (HH:mm, "-" for none), in event order. */
        List<String> visits() {
            return pairing.accepted().stream().map(a -> pairOf(a.visit())).toList();
        }
    }

    private static String pairOf(Visit v) {
        return hhmm(v.entryTime) + "→" + hhmm(v.exitTime);
    }

    private static String hhmm(Instant t) {
        return t == null ? "-" : t.toString().substring(11, 16);
    }

    // ---- entries and exits ----

    @Test
    void anEntryOpensALog() {
        Batch batch = new Batch(entry("in", AYESHA, "09:00"));
        assertThat(batch.toLock).containsExactly(AYESHA.value());
        assertThat(batch.exits.perPerson()).as("no exits: no open logs to read").isEmpty();
        assertThat(batch.outcomes()).containsExactly("OPENED");
        Visit opened = batch.pairing.created().get(0);
        assertThat(pairOf(opened)).isEqualTo("09:00→-");
        assertThat(opened.entryGate).isEqualTo("G1");
        assertThat(opened.openedBy).isEqualTo("in");
        assertThat(opened.personId).isEqualTo(AYESHA_ID);
        assertThat(opened.personLeft).isFalse();
        assertThat(opened.exitOnly()).isFalse();
        assertThat(batch.pairing.closed()).isEmpty();
        assertThat(batch.pairing.decisions().get(0).result().entryLogId()).isEqualTo(100);
    }

    @Test
    void anExitClosesTheLatestStoredOpenLogNotAfterIt() {
        Batch batch = new Batch(List.of(exit("out", AYESHA, "17:30")), List.of(stored(1, AYESHA, "09:00")), NONE_OLDER);
        assertThat(batch.exits.perPerson()).containsExactly(Map.entry(AYESHA_ID, 1));
        assertThat(batch.exits.latest()).isEqualTo(at("17:30"));
        assertThat(batch.exits.most()).isEqualTo(1);
        assertThat(batch.outcomes()).containsExactly("CLOSED");
        assertThat(batch.pairing.decisions().get(0).result().entryLogId()).isEqualTo(1);
        assertThat(batch.pairing.created()).as("nothing to insert").isEmpty();
        assertThat(batch.pairing.closed()).extracting(v -> v.id).containsExactly(1L);
        Visit closed = batch.pairing.closed().iterator().next();
        assertThat(pairOf(closed)).isEqualTo("09:00→17:30");
        assertThat(closed.exitGate).isEqualTo("G2");
    }

    @Test
    void anExitClosesTheLatestLogOpenedBeforeItInTheBatchAndSkipsLaterOnes() {
        Batch batch = new Batch(
                entry("a", AYESHA, "08:00"),
                entry("b", AYESHA, "09:00"),
                entry("c", AYESHA, "11:00"),
                exit("d", AYESHA, "10:00"));
        assertThat(batch.outcomes()).containsExactly("OPENED", "OPENED", "OPENED", "CLOSED");
        assertThat(batch.visits()).containsExactly("08:00→-", "09:00→10:00", "11:00→-", "09:00→10:00");
        assertThat(batch.pairing.closed())
                .as("opened here: inserted closed, no update")
                .isEmpty();
        assertThat(batch.pairing.created()).hasSize(3);
        // an entry and its exit share the log
        List<Decision> decisions = batch.pairing.decisions();
        assertThat(decisions.get(3).result().entryLogId())
                .isEqualTo(decisions.get(1).result().entryLogId());
    }

    @Test
    void amongOpenLogsWithTheSameEntryTimeTheNewerOneCloses() {
        Batch stored = new Batch(
                List.of(exit("x1", AYESHA, "10:00"), exit("x2", AYESHA, "10:05")),
                List.of(stored(3, AYESHA, "09:00"), stored(4, AYESHA, "09:00")),
                NONE_OLDER);
        stored.outcomes();
        assertThat(stored.pairing.closed())
                .extracting(v -> v.id)
                .as("the larger id first")
                .containsExactly(4L, 3L);

        Batch opened = new Batch(
                List.of(entry("in", AYESHA, "09:00"), exit("out", AYESHA, "10:00")),
                List.of(stored(4, AYESHA, "09:00")),
                NONE_OLDER);
        assertThat(opened.outcomes()).containsExactly("OPENED", "CLOSED");
        assertThat(opened.pairing.closed())
                .as("the log opened here is newer than any stored")
                .isEmpty();
    }

    @Test
    void anExitWithNoOpenLogIsKeptInAFlaggedLogOfItsOwn() {
        Batch batch = new Batch(exit("out", AYESHA, "17:30"));
        assertThat(batch.outcomes()).containsExactly("EXIT_WITHOUT_ENTRY");
        Visit exitOnly = batch.pairing.created().get(0);
        assertThat(exitOnly.exitOnly()).isTrue();
        assertThat(pairOf(exitOnly)).isEqualTo("-→17:30");
        assertThat(exitOnly.entryGate).isNull();
        assertThat(exitOnly.exitGate).isEqualTo("G2");
        assertThat(exitOnly.openedBy).isEqualTo("out");
    }

    @Test
    void anExitOlderThanEveryOpenLogIsKeptFlaggedAndClosesNothing() {
        // Bilal's later exit lets Ayesha's 08:00 log be read (no log after the batch's last exit is): it is after her
        // exit, and older ones were maybe not all read, so the database is asked; it has none
        List<String> asked = new ArrayList<>();
        Batch batch = new Batch(
                List.of(exit("a", AYESHA, "07:00"), exit("b", BILAL, "18:00")),
                List.of(stored(1, AYESHA, "08:00"), stored(2, BILAL, "09:00")),
                (person, exit, closed) -> {
                    asked.add(person + " before " + hhmm(exit));
                    return null;
                });
        assertThat(batch.exits.latest()).isEqualTo(at("18:00"));
        assertThat(batch.outcomes()).containsExactly("EXIT_WITHOUT_ENTRY", "CLOSED");
        assertThat(asked).containsExactly(AYESHA_ID + " before 07:00");
        assertThat(batch.visits()).containsExactly("-→07:00", "09:00→18:00");
        assertThat(batch.pairing.closed())
                .extracting(v -> v.id)
                .as("08:00 stays open")
                .containsExactly(2L);
    }

    @Test
    void twoExitsInOneBatchCloseTwoLogs() {
        Batch batch = new Batch(
                List.of(exit("x1", AYESHA, "09:00"), exit("x2", AYESHA, "13:00")),
                List.of(stored(1, AYESHA, "08:00"), stored(2, AYESHA, "12:00")),
                NONE_OLDER);
        assertThat(batch.exits.perPerson()).containsExactly(Map.entry(AYESHA_ID, 2));
        assertThat(batch.exits.most()).isEqualTo(2);
        assertThat(batch.outcomes()).containsExactly("CLOSED", "CLOSED");
        assertThat(batch.visits()).containsExactly("08:00→09:00", "12:00→13:00");
        assertThat(batch.pairing.closed())
                .extracting(v -> v.id)
                .as("updated in the order closed")
                .containsExactly(1L, 2L);
    }

    @Test
    void anExitClosesItsOwnLatestOpenLogWhenAnotherPersonHasMoreExits() {
        // Bilal's two exits have the store read two open logs each (oldest first); Ayesha's one exit needs her latest
        Batch batch = new Batch(
                List.of(exit("a", AYESHA, "10:30"), exit("b1", BILAL, "12:00"), exit("b2", BILAL, "12:30")),
                List.of(
                        stored(1, AYESHA, "09:00"),
                        stored(2, AYESHA, "10:00"),
                        stored(3, BILAL, "09:00"),
                        stored(4, BILAL, "10:00")),
                NONE_OLDER);
        assertThat(batch.exits.most()).isEqualTo(2);
        assertThat(batch.outcomes()).containsExactly("CLOSED", "CLOSED", "CLOSED");
        assertThat(batch.visits()).containsExactly("10:00→10:30", "10:00→12:00", "09:00→12:30");
    }

    @Test
    void eventsOutOfOrderInABatchPairAsTheyWouldOneByOne() {
        Batch batch = new Batch(
                entry("p1", AYESHA, "08:00"),
                exit("p2", AYESHA, "09:00"),
                entry("p3", AYESHA, "10:00"),
                entry("p4", AYESHA, "11:00"),
                exit("p5", AYESHA, "12:00"),
                exit("p6", AYESHA, "07:00"));
        assertThat(batch.outcomes())
                .containsExactly("OPENED", "CLOSED", "OPENED", "OPENED", "CLOSED", "EXIT_WITHOUT_ENTRY");
        assertThat(batch.visits())
                .containsExactly("08:00→09:00", "08:00→09:00", "10:00→-", "11:00→12:00", "11:00→12:00", "-→07:00");
    }

    @Test
    void anExitBeforeItsEntryInTheBatchFindsNoEntryToClose() {
        Batch batch = new Batch(exit("out", AYESHA, "17:00"), entry("in", AYESHA, "09:00"));
        assertThat(batch.outcomes()).containsExactly("EXIT_WITHOUT_ENTRY", "OPENED");
        assertThat(batch.visits()).containsExactly("-→17:00", "09:00→-");
    }

    // ---- open logs older than those read ----

    @Test
    void anExitOlderThanEveryOpenLogReadAsksForAnOlderOneNotClosedHere() {
        // Stored open: 08:00 (1), 09:00 (2), 10:00 (3), 11:00 (4). Two exits: the latest two were read.
        List<String> asked = new ArrayList<>();
        Set<Long> excluded = new HashSet<>();
        OlderOpenLog older = (person, exit, closed) -> {
            asked.add(person + " before " + hhmm(exit));
            excluded.addAll(closed);
            return stored(1, AYESHA, "08:00");
        };
        Batch batch = new Batch(
                List.of(exit("x1", AYESHA, "11:30"), exit("x2", AYESHA, "08:30")),
                List.of(stored(3, AYESHA, "10:00"), stored(4, AYESHA, "11:00")),
                older);
        assertThat(batch.outcomes()).containsExactly("CLOSED", "CLOSED");
        assertThat(asked).containsExactly(AYESHA_ID + " before 08:30");
        assertThat(excluded).as("the log closed here is no longer open").containsExactly(4L);
        assertThat(batch.visits()).containsExactly("11:00→11:30", "08:00→08:30");
        assertThat(batch.pairing.closed()).extracting(v -> v.id).containsExactly(4L, 1L);
    }

    @Test
    void anExitOlderThanEveryOpenLogWithNoneOlderIsKeptFlagged() {
        Batch batch = new Batch(
                List.of(exit("x1", AYESHA, "11:30"), exit("x2", AYESHA, "07:30")),
                List.of(stored(3, AYESHA, "10:00"), stored(4, AYESHA, "11:00")),
                (person, exit, closed) -> null);
        assertThat(batch.outcomes()).containsExactly("CLOSED", "EXIT_WITHOUT_ENTRY");
    }

    @Test
    void fewerOpenLogsThanExitsMeansAllWereReadAndNoneOlderIsAskedFor() {
        Batch batch = new Batch(
                List.of(exit("x1", AYESHA, "11:30"), exit("x2", AYESHA, "07:30")),
                List.of(stored(4, AYESHA, "11:00")),
                NONE_OLDER);
        assertThat(batch.outcomes()).containsExactly("CLOSED", "EXIT_WITHOUT_ENTRY");
    }

    // ---- repeats and refusals ----

    @Test
    void anEventStoredBeforeIsAnsweredWithItsFirstResultAndPairsNothing() {
        GateEvent again =
                new GateEvent("in", AYESHA, Direction.ENTRY, at("09:00").plusNanos(123_456_789), "G1");
        Map<String, StoredEvent> stored = Map.of(
                "in", new StoredEvent(AYESHA.value(), "ENTRY", at("09:00").plusMillis(123), 42, EventOutcome.OPENED));
        Batch batch = new Batch(List.of(again), stored, PEOPLE, List.of(), NONE_OLDER);
        assertThat(batch.toLock).as("no one to lock").isEmpty();
        assertThat(batch.outcomes())
                .as("the same to the millisecond, as stored")
                .containsExactly("OPENED again");
        assertThat(batch.pairing.decisions().get(0).result().entryLogId()).isEqualTo(42);
        assertThat(batch.pairing.created()).isEmpty();
        assertThat(batch.pairing.accepted()).isEmpty();
    }

    @Test
    void aStoredEventIdUsedForADifferentEventIsRefused() {
        Map<String, StoredEvent> stored =
                Map.of("in", new StoredEvent(AYESHA.value(), "ENTRY", at("09:00"), 42, EventOutcome.OPENED));
        Batch batch = new Batch(
                List.of(exit("in", AYESHA, "10:00"), entry("in2", AYESHA, "10:30")),
                stored,
                PEOPLE,
                List.of(),
                NONE_OLDER);
        assertThat(batch.outcomes()).containsExactly("ID_REUSED", "OPENED");
        assertThat(batch.exits.perPerson()).as("a refused exit closes nothing").isEmpty();
    }

    @Test
    void anEventRepeatedInTheBatchGetsTheFirstOnesResult() {
        Batch batch =
                new Batch(entry("in", AYESHA, "09:00"), entry("in", AYESHA, "09:00"), exit("out", AYESHA, "17:00"));
        assertThat(batch.outcomes()).containsExactly("OPENED", "OPENED again", "CLOSED");
        assertThat(batch.pairing.created()).as("one log").hasSize(1);
        assertThat(batch.pairing.accepted())
                .as("the repeat is not stored again")
                .hasSize(2);
        List<Decision> decisions = batch.pairing.decisions();
        assertThat(decisions.get(1).result()).isEqualTo(decisions.get(0).result());
    }

    @Test
    void anEventIdReusedInTheBatchForADifferentEventIsRefused() {
        Batch batch = new Batch(entry("in", AYESHA, "09:00"), exit("in", AYESHA, "17:00"));
        assertThat(batch.outcomes()).containsExactly("OPENED", "ID_REUSED");
        assertThat(batch.visits()).containsExactly("09:00→-");
    }

    @Test
    void anUnknownPersonIsRefusedAndHoldsUpNoOne() {
        GateEvent unknown = entry("u", NOBODY, "09:00");
        Batch batch = new Batch(unknown, exit("u2", NOBODY, "10:00"), unknown, entry("in", AYESHA, "09:00"));
        assertThat(batch.toLock).containsExactlyInAnyOrder(NOBODY.value(), AYESHA.value());
        assertThat(batch.exits.perPerson()).isEmpty();
        assertThat(batch.outcomes())
                .as("its repeat too")
                .containsExactly("UNKNOWN_PERSON", "UNKNOWN_PERSON", "UNKNOWN_PERSON", "OPENED");
    }

    // ---- people who left ----

    @Test
    void theLogsOfAPersonWhoLeftAreFlaggedFromTheDayTheyLeftOnTheSitesCalendar() {
        // left on 24 November: 23 November 19:30 UTC is already the 24th in Karachi
        Map<String, Person> people = Map.of(
                AYESHA.value(),
                new Person(AYESHA_ID, LocalDate.of(2026, 11, 24)),
                BILAL.value(),
                new Person(BILAL_ID, null));
        GateEvent lateUpload =
                new GateEvent("late", AYESHA, Direction.ENTRY, Instant.parse("2026-11-23T18:59:00Z"), "G1");
        GateEvent thatDay = new GateEvent("day", AYESHA, Direction.ENTRY, Instant.parse("2026-11-23T19:00:00Z"), "G1");
        Batch batch = new Batch(
                List.of(lateUpload, thatDay, entry("b", BILAL, "09:00"), exit("out", AYESHA, "10:00")),
                Map.of(),
                people,
                List.of(stored(1, AYESHA, "08:00")),
                NONE_OLDER);
        assertThat(batch.outcomes()).containsExactly("OPENED", "OPENED", "OPENED", "CLOSED");
        assertThat(batch.pairing.accepted())
                .extracting(a -> a.visit().personLeft)
                .as("from before the day they left: theirs as any other")
                .containsExactly(false, true, false, true);
        assertThat(batch.pairing.closed()).extracting(v -> v.personLeft).containsExactly(true);
    }

    @Test
    void aPersonWhoLeftOnNoGivenDayHasEveryLogFlagged() {
        Map<String, Person> people = Map.of(AYESHA.value(), new Person(AYESHA_ID, LocalDate.MIN));
        Batch batch = new Batch(List.of(exit("out", AYESHA, "10:00")), Map.of(), people, List.of(), NONE_OLDER);
        assertThat(batch.outcomes()).containsExactly("EXIT_WITHOUT_ENTRY");
        assertThat(batch.pairing.created().get(0).personLeft).isTrue();
    }

    // ---- the seam ----

    /** The rules stay testable without a database: no Spring, no JDBC, no web types, nothing of the service. */
    @Test
    void theRulesUseNeitherTheDatabaseNorSpring() {
        noClasses()
                .that()
                .haveNameMatching("io\\.gatesync\\.api\\.event\\.(EventPairing|Visit)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "io.gatesync.api.web..",
                        "io.gatesync.common.db..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(EventStore.class, EventService.class)
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.gatesync.api.event"));
    }
}
