package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class BioTimeClockTest {

    private final BioTimeClock karachi = new BioTimeClock(ZoneId.of("Asia/Karachi"));
    private final BioTimeClock berlin = new BioTimeClock(ZoneId.of("Europe/Berlin"));

    @Test
    void instantsBecomeTheServersWallClockTimeToTheSecond() {
        assertThat(karachi.format(Instant.parse("2026-11-24T04:00:00.789Z"))).isEqualTo("2026-11-24 09:00:00");
    }

    @Test
    void wallClockTimesAreReadInTheServersZone() {
        assertThat(karachi.parse("2026-11-24 09:00:00")).isEqualTo(Instant.parse("2026-11-24T04:00:00Z"));
    }

    @Test
    void theSameWallClockTimeIsADifferentInstantEitherSideOfADstChange() {
        // Berlin: UTC+1 in winter, UTC+2 in summer (change on 2026-03-29 at 02:00)
        assertThat(berlin.parse("2026-03-28 09:00:00")).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
        assertThat(berlin.parse("2026-03-30 09:00:00")).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(berlin.format(Instant.parse("2026-03-30T07:00:00Z"))).isEqualTo("2026-03-30 09:00:00");
    }

    @Test
    void inTheRepeatedAutumnHourTheEarlierOffsetIsTaken() {
        // 2026-10-25 02:30 happens twice in Berlin; the first is at 00:30Z (UTC+2)
        assertThat(berlin.parse("2026-10-25 02:30:00")).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void aTimeInTheSkippedSpringHourMovesForward() {
        assertThat(berlin.parse("2026-03-29 02:30:00")).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }
}
