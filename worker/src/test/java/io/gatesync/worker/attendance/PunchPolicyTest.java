package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.gatesync.common.pull.ParkReason;
import io.gatesync.worker.attendance.PunchPolicy.DayPunch;
import io.gatesync.worker.attendance.PunchPolicy.Decision;
import io.gatesync.worker.attendance.PunchPolicy.Rule;

/** {@link PunchPolicy}: what each named policy makes of a day's punches, whatever order they come in. */
class PunchPolicyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Karachi");
    private static final Instant NINE = Instant.parse("2026-10-01T04:00:00Z"); // 09:00 in Karachi

    private static PunchPolicy policy(String terminals, int bounce) {
        return PunchPolicy.of("skip", "alternate", terminals, bounce, ZONE);
    }

    private static DayPunch at(long id, long minutes, String terminal, Rule rule) {
        return new DayPunch(id, NINE.plusSeconds(minutes * 60), terminal, rule);
    }

    @Test
    void alternateStartsWithAnEntryAndTakesTurnsInTimeOrderNotArrivalOrder() {
        List<DayPunch> day = new ArrayList<>(List.of(
                at(5, 0, "T1", Rule.ALTERNATE),
                at(3, 240, "T2", Rule.ALTERNATE),
                at(9, 300, "T1", Rule.ALTERNATE),
                at(1, 480, "T2", Rule.ALTERNATE),
                at(2, 600, "T1", Rule.ALTERNATE)));
        Collections.shuffle(day, new Random(4));
        assertThat(policy("", 3).decide(day))
                .isEqualTo(
                        Map.of(5L, Decision.IN, 3L, Decision.OUT, 9L, Decision.IN, 1L, Decision.OUT, 2L, Decision.IN));
    }

    @Test
    void aLateUploadAmongTheDaysPunchesTurnsTheOnesAfterIt() {
        PunchPolicy policy = policy("", 3);
        List<DayPunch> onTime = List.of(at(1, 0, "T1", Rule.ALTERNATE), at(2, 480, "T1", Rule.ALTERNATE));
        assertThat(policy.decide(onTime)).isEqualTo(Map.of(1L, Decision.IN, 2L, Decision.OUT));
        List<DayPunch> withLate = new ArrayList<>(onTime);
        withLate.add(at(3, 240, "T1", Rule.ALTERNATE));
        assertThat(policy.decide(withLate)).isEqualTo(Map.of(1L, Decision.IN, 3L, Decision.OUT, 2L, Decision.IN));
    }

    @Test
    void firstInLastOutCountsTheDaysFirstAndLastOnly() {
        PunchPolicy policy = policy("", 3);
        assertThat(policy.decide(List.of(at(1, 0, "T1", Rule.FIRST_IN_LAST_OUT))))
                .isEqualTo(Map.of(1L, Decision.IN));
        assertThat(policy.decide(List.of(
                        at(4, 600, "T1", Rule.FIRST_IN_LAST_OUT), at(1, 0, "T1", Rule.FIRST_IN_LAST_OUT),
                        at(2, 200, "T2", Rule.FIRST_IN_LAST_OUT), at(3, 400, "T1", Rule.FIRST_IN_LAST_OUT))))
                .isEqualTo(Map.of(1L, Decision.IN, 2L, Decision.BETWEEN, 3L, Decision.BETWEEN, 4L, Decision.OUT));
    }

    @Test
    void aBounceOnTheSameTerminalWithTheSameRuleIsOnePunch() {
        Instant t = NINE;
        List<DayPunch> day = List.of(
                new DayPunch(1, t, "T1", Rule.IN),
                new DayPunch(2, t.plusSeconds(2), "T1", Rule.IN),
                new DayPunch(3, t.plusSeconds(3), "T2", Rule.IN),
                new DayPunch(4, t.plusSeconds(4), "T1", Rule.IN),
                new DayPunch(5, t.plusSeconds(1), null, Rule.IN));
        assertThat(policy("", 3).decide(day))
                .isEqualTo(Map.of(
                        1L, Decision.IN, 2L, Decision.BOUNCE, 3L, Decision.IN, 4L, Decision.IN, 5L, Decision.IN));
        assertThat(policy("", 0).decide(day)).doesNotContainValue(Decision.BOUNCE);
        // a check-in then a check-out on one terminal are two punches, however close
        assertThat(policy("", 3)
                        .decide(List.of(
                                new DayPunch(1, t, "T1", Rule.IN), new DayPunch(2, t.plusSeconds(1), "T1", Rule.OUT))))
                .isEqualTo(Map.of(1L, Decision.IN, 2L, Decision.OUT));
        // bounces are left out before alternating: a double tap does not turn the next punch into an entry
        List<DayPunch> taps = List.of(
                new DayPunch(1, t, "T1", Rule.ALTERNATE),
                new DayPunch(2, t.plusSeconds(1), "T1", Rule.ALTERNATE),
                new DayPunch(3, t.plusSeconds(3600), "T1", Rule.ALTERNATE));
        assertThat(policy("", 3).decide(taps))
                .isEqualTo(Map.of(1L, Decision.IN, 2L, Decision.BOUNCE, 3L, Decision.OUT));
    }

    @Test
    void aTerminalsFixedDirectionBeatsItsStateAndUnlistedTerminalsCanBeParked() {
        PunchPolicy policy = policy("GATE-IN=in, GATE-OUT=out,LOBBY=first-in-last-out,*=park", 3);
        assertThat(policy.rule(1, "1", "GATE-IN").rule()).isEqualTo(Rule.IN);
        assertThat(policy.rule(255, "255", "GATE-OUT").rule()).isEqualTo(Rule.OUT);
        assertThat(policy.rule(0, "0", "LOBBY").rule()).isEqualTo(Rule.FIRST_IN_LAST_OUT);
        PunchPolicy.Ruling unlisted = policy.rule(0, "0", "CANTEEN");
        assertThat(unlisted.parked()).isEqualTo(ParkReason.UNKNOWN_TERMINAL);
        assertThat(unlisted.why()).contains("CANTEEN", "GATESYNC_PULL_TERMINALS");
        // a manual log has no terminal: its state was chosen by hand (GateSync's own manual-log punches among them)
        assertThat(policy.rule(1, "1", null).rule()).isEqualTo(Rule.OUT);
        assertThat(policy.rule(1, "1", "").rule()).isEqualTo(Rule.OUT);
    }

    @Test
    void statesFollowTheirNamedPolicies() {
        PunchPolicy skip = PunchPolicy.of("skip", "skip", "", 3, ZONE);
        assertThat(skip.rule(255, "255", "T1").parked()).isEqualTo(ParkReason.STATE_SKIPPED);
        assertThat(skip.rule(4, "4", "T1").parked()).isEqualTo(ParkReason.STATE_SKIPPED);
        assertThat(skip.rule(7, "7", "T1").parked()).isEqualTo(ParkReason.UNKNOWN_STATE);
        assertThat(skip.rule(null, "x", "T1").parked()).isEqualTo(ParkReason.UNKNOWN_STATE);
        PunchPolicy fifo = PunchPolicy.of("first-in-last-out", "first-in-last-out", "", 3, ZONE);
        assertThat(fifo.rule(255, "255", "T1").rule()).isEqualTo(Rule.FIRST_IN_LAST_OUT);
        assertThat(fifo.rule(2, "2", "T1").rule()).isEqualTo(Rule.FIRST_IN_LAST_OUT);
        assertThat(fifo.rule(0, "0", "T1").rule()).isEqualTo(Rule.IN);
        assertThat(skip.fingerprint())
                .isNotEqualTo(fifo.fingerprint())
                .isEqualTo(PunchPolicy.of("skip", "skip", "", 9, ZONE).fingerprint());
    }

    @Test
    void theDayIsTheBioTimeServersDay() {
        PunchPolicy policy = policy("", 3);
        // 23:30 and 00:30 in Karachi are two days, though the same UTC day
        Instant late = Instant.parse("2026-10-01T18:30:00Z");
        assertThat(policy.day(late)).isEqualTo(java.time.LocalDate.of(2026, 10, 1));
        assertThat(policy.day(late.plusSeconds(3600))).isEqualTo(java.time.LocalDate.of(2026, 10, 2));
        assertThat(policy.start(java.time.LocalDate.of(2026, 10, 2))).isEqualTo(Instant.parse("2026-10-01T19:00:00Z"));
    }
}
