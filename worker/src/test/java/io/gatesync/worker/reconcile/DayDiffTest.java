package io.gatesync.worker.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gatesync.worker.biotime.Transaction;
import io.gatesync.worker.entrylog.DayPunches.Held;

class DayDiffTest {

    private static final String OWN = "GATESYNC";
    private static final String ALI = "3520112345671";
    private static final String SARA = "3520112345672";

    private static Instant at(String time) {
        return LocalDateTime.parse("2026-12-05T" + time).toInstant(ZoneOffset.UTC);
    }

    private static Instant parse(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static Transaction punch(long id, String cnic, String time, String sn) {
        return Transaction.of(id, cnic, "2026-12-05 " + time, "0", sn);
    }

    private static Held sent(String ref, String cnic, String time, Long id) {
        return new Held(ref, cnic, at(time), true, id, null, false);
    }

    private static DayDiff diff(List<Transaction> biotime, List<Held> held, Set<Long> pulled) {
        return DayDiff.of(biotime, held, pulled, OWN, DayDiffTest::parse);
    }

    @Test
    void bothSidesEqualIsAllMatched() {
        DayDiff d = diff(
                List.of(punch(1, ALI, "08:00:00", OWN), punch(2, ALI, "17:00:00", OWN)),
                List.of(sent("1:ENTRY", ALI, "08:00:00", 1L), sent("1:EXIT", ALI, "17:00:00", 2L)),
                Set.of());
        assertThat(d.gatesync()).isEqualTo(2);
        assertThat(d.biotime()).isEqualTo(2);
        assertThat(d.matched()).isEqualTo(2);
        assertThat(d.push()).isEmpty();
        assertThat(d.imports()).isEmpty();
        assertThat(d.unresolved()).isEmpty();
    }

    @Test
    void aGatePunchBioTimeLostIsSentAgain() {
        Held lost = sent("1:EXIT", ALI, "17:00:00", 2L);
        DayDiff d = diff(
                List.of(punch(1, ALI, "08:00:00", OWN)), List.of(sent("1:ENTRY", ALI, "08:00:00", 1L), lost), Set.of());
        assertThat(d.push()).containsExactly(lost);
        assertThat(d.matched()).isEqualTo(1);
    }

    @Test
    void aPunchBioTimeHoldsUnderAnotherIdOrOneStillBeingPushedIsMatchedByItsKeyNotSentAgain() {
        Held reAdded = sent("1:ENTRY", ALI, "08:00:00", 1L);
        Held pushing = new Held("2:ENTRY", SARA, at("09:00:01"), true, null, null, true);
        DayDiff d = diff(
                List.of(punch(7, ALI, "08:00:00", "TERM-1"), punch(8, SARA, "09:00:01", OWN)),
                List.of(reAdded, pushing),
                Set.of());
        assertThat(d.push()).isEmpty();
        assertThat(d.imports()).isEmpty();
        assertThat(d.unresolved()).isEmpty();
        assertThat(d.matched()).isEqualTo(2);
        assertThat(d.gatesync()).as("only what GateSync recorded as in BioTime").isEqualTo(1);
    }

    @Test
    void aPunchNotYetSentIsLeftToTheEntrySync() {
        DayDiff d =
                diff(List.of(), List.of(new Held("3:ENTRY", ALI, at("10:00:00"), true, null, null, false)), Set.of());
        assertThat(d.push()).isEmpty();
        assertThat(d.gatesync()).isZero();
    }

    @Test
    void bioTimePunchesGateSyncNeverTookAreImportedUnlessThePullTookThemAlready() {
        Transaction fresh = punch(20, ALI, "12:00:00", "TERM-1");
        Transaction skipped = punch(21, ALI, "12:00:05", "TERM-1");
        DayDiff d = diff(List.of(fresh, skipped), List.of(), Set.of(21L));
        assertThat(d.imports()).containsExactly(fresh);
        assertThat(d.matched()).isEqualTo(1);
    }

    @Test
    void whatCannotBeHealedIsListedWithWhy() {
        Held imported = new Held("4:ENTRY", ALI, at("07:00:00"), false, 30L, null, false);
        Transaction orphan = punch(31, SARA, "07:30:00", OWN);
        DayDiff d = diff(List.of(orphan), List.of(imported), Set.of());
        assertThat(d.unresolved()).extracting(DayDiff.Unresolved::ref).containsExactlyInAnyOrder("4:ENTRY", "31");
        assertThat(d.unresolved()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());
        assertThat(d.push()).isEmpty();
        assertThat(d.imports()).isEmpty();
    }

    @Test
    void aManualLogIsNotComparedWithTransactions() {
        DayDiff d =
                diff(List.of(), List.of(new Held("5:ENTRY", ALI, at("08:00:00"), true, null, 77L, false)), Set.of());
        assertThat(d.push()).isEmpty();
        assertThat(d.gatesync()).isZero();
    }

    @Test
    void anUnreadableBioTimePunchIsImportedSoThePullParksItWithItsReason() {
        Transaction odd = Transaction.of(40, "not-a-cnic", "yesterday", "0", "TERM-1");
        DayDiff d = diff(List.of(odd), List.of(), Set.of());
        assertThat(d.imports()).containsExactly(odd);
    }
}
