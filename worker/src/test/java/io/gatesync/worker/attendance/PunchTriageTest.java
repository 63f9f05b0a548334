package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatesync.common.pull.ParkReason;
import io.gatesync.worker.attendance.ParkingList.Parked;
import io.gatesync.worker.attendance.PunchPolicy.Rule;
import io.gatesync.worker.attendance.PunchTriage.Page;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.Transaction;

/** {@link PunchTriage}: how a page is sorted into punches to import, punches to park (and why), and GateSync's own. */
class PunchTriageTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Karachi");
    private static final String OWN = "GATESYNC";
    private static final String KNOWN = "3520212345671";
    private static final String LEFT = "3520212345672";
    private static final String STRANGER = "3520212345673";
    private static final String NINE = "2026-10-01 09:00:00"; // 04:00 UTC

    /** Registers KNOWN (id 7) and LEFT (id 8, status LEFT), and records each look-up. */
    private final List<List<String>> lookups = new ArrayList<>();

    private final PunchTriage.People people = (cnics, left) -> {
        lookups.add(cnics);
        if (cnics.contains(LEFT)) {
            left.add(LEFT);
        }
        Map<String, Long> all = Map.of(KNOWN, 7L, LEFT, 8L);
        Map<String, Long> found = new HashMap<>();
        cnics.stream().filter(all::containsKey).forEach(c -> found.put(c, all.get(c)));
        return found;
    };

    private static PunchTriage triage(String terminals) {
        return new PunchTriage(OWN, PunchPolicy.of("skip", "alternate", terminals, 3, ZONE), new BioTimeClock(ZONE));
    }

    private Page sort(Transaction... punches) {
        return triage("").sort(List.of(punches), people);
    }

    private static Transaction punch(long id, String empCode, String time, String state, String terminal) {
        return Transaction.of(id, empCode, time, state, terminal);
    }

    private static ParkReason onlyReason(Page page) {
        assertThat(page.known()).isEmpty();
        assertThat(page.parked()).hasSize(1);
        return page.parked().get(0).reason();
    }

    @Test
    void aKnownPersonsPunchIsReadyWithItsRuleAndUtcTime() {
        Page page = sort(punch(1, "35202-1234567-1", NINE, "1", "T1"));
        assertThat(page.known())
                .containsExactly(new KnownPunch(1, Rule.OUT, Instant.parse("2026-10-01T04:00:00Z"), 7, KNOWN, "T1"));
        assertThat(page.parked()).isEmpty();
        assertThat(page.seen()).isEqualTo(1);
        assertThat(page.own()).isZero();
    }

    @Test
    void gateSyncsOwnPunchesComingBackAreCountedAndNeitherImportedNorParked() {
        Page page = sort(punch(1, KNOWN, NINE, "0", OWN), punch(2, "no-cnic", "garbage", "9", OWN));
        assertThat(page.own()).isEqualTo(2);
        assertThat(page.seen()).isEqualTo(2);
        assertThat(page.known()).isEmpty();
        assertThat(page.parked()).isEmpty();
        assertThat(lookups).as("nobody to look up").containsExactly(List.of());
    }

    @Test
    void aPunchListedTwiceCountsOnce() {
        Transaction in = punch(1, KNOWN, NINE, "0", "T1");
        Page page = sort(in, in, punch(1, KNOWN, "2026-10-01 10:00:00", "1", "T1"));
        assertThat(page.seen()).isEqualTo(1);
        assertThat(page.known()).extracting(KnownPunch::rule).containsExactly(Rule.IN);
    }

    @Test
    void aStateThePolicySkipsIsParked() {
        assertThat(onlyReason(sort(punch(1, KNOWN, NINE, "2", "T1")))).isEqualTo(ParkReason.STATE_SKIPPED);
    }

    @Test
    void aStateBioTimeDoesNotDefineIsParked() {
        assertThat(onlyReason(sort(punch(1, KNOWN, NINE, "7", "T1")))).isEqualTo(ParkReason.UNKNOWN_STATE);
    }

    @Test
    void anUnlistedTerminalIsParkedWhenUnlistedOnesArePark() {
        Page page = triage("T1=in,*=park")
                .sort(List.of(punch(1, KNOWN, NINE, "1", "T1"), punch(2, KNOWN, NINE, "0", "T9")), people);
        assertThat(page.known()).extracting(KnownPunch::id, KnownPunch::rule).containsExactly(tuple(1L, Rule.IN));
        assertThat(page.parked()).extracting(Parked::reason).containsExactly(ParkReason.UNKNOWN_TERMINAL);
    }

    @Test
    void anUnreadableTimeIsParkedWithTheCnicItNames() {
        Page page = sort(punch(1, KNOWN, "yesterday-ish", "0", "T1"));
        assertThat(onlyReason(page)).isEqualTo(ParkReason.UNREADABLE_TIME);
        assertThat(page.parked().get(0).cnic()).isEqualTo(KNOWN);
        assertThat(page.parked().get(0).message()).contains("yesterday-ish");
    }

    @Test
    void anEmpCodeThatIsNoCnicIsParkedWithoutLookingAnybodyUp() {
        Page page = sort(punch(1, "A-17", NINE, "0", "T1"));
        assertThat(onlyReason(page)).isEqualTo(ParkReason.NOT_A_CNIC);
        assertThat(page.parked().get(0).cnic()).isNull();
        assertThat(page.parked().get(0).message()).contains("A-17");
        assertThat(lookups).containsExactly(List.of());
    }

    @Test
    void aCnicNobodyHasIsParkedAsAnUnknownPerson() {
        Page page = sort(punch(1, STRANGER, NINE, "0", "T1"));
        assertThat(onlyReason(page)).isEqualTo(ParkReason.UNKNOWN_PERSON);
        assertThat(page.parked().get(0).message()).contains(STRANGER);
    }

    @Test
    void aPersonWhoHasLeftIsParkedUntilTheyAreBack() {
        Page page = sort(punch(1, LEFT, NINE, "0", "T1"));
        assertThat(onlyReason(page)).isEqualTo(ParkReason.PERSON_LEFT);
        assertThat(page.parked().get(0).message()).contains("PUT /api/people/" + LEFT);
    }

    @Test
    void aPagesPeopleAreLookedUpOnceEachOnlyForPunchesThatCouldBeImported() {
        Page page = sort(
                punch(1, KNOWN, NINE, "0", "T1"),
                punch(2, KNOWN, "2026-10-01 17:00:00", "1", "T1"),
                punch(3, STRANGER, NINE, "2", "T1"),
                punch(4, LEFT, NINE, "0", "T1"),
                punch(5, STRANGER, NINE, "0", "T1"));
        assertThat(lookups).hasSize(1);
        assertThat(lookups.get(0)).containsExactly(KNOWN, LEFT, STRANGER);
        assertThat(page.known()).extracting(KnownPunch::id).containsExactly(1L, 2L);
        assertThat(page.parked())
                .extracting(p -> p.punch().id(), Parked::reason)
                .containsExactlyInAnyOrder(
                        tuple(3L, ParkReason.STATE_SKIPPED),
                        tuple(4L, ParkReason.PERSON_LEFT),
                        tuple(5L, ParkReason.UNKNOWN_PERSON));
        assertThat(page.seen()).isEqualTo(5);
    }
}
