package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

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

    @Test
    void everyTextReadsAsTheFormatterReadsIt() {
        for (String text : List.of(
                "2026-11-24 09:00:00",
                " 2026-11-24T23:59:59 ",
                "2026-01-01 00:00:00",
                "2026-02-28 12:30:45",
                "2028-02-29 12:30:45",
                "2026-02-29 12:30:45",
                "2026-04-31 08:00:00",
                "2026-10-25 02:30:00",
                "2026-03-29 02:30:00",
                "2026-11-24 24:00:00")) {
            LocalDateTime local = LocalDateTime.parse(text.trim().replace('T', ' '), BioTimeClock.FORMAT);
            assertThat(berlin.parse(text))
                    .as(text)
                    .isEqualTo(ZonedDateTime.ofLocal(local, berlin.zone(), null).toInstant());
        }
    }

    @Test
    void fractionsAndOffsetsThatSomeBuildsSendAreRead() {
        assertThat(karachi.parse("2026-11-24T09:00:00.123456")).isEqualTo(Instant.parse("2026-11-24T04:00:00Z"));
        assertThat(karachi.parse("2026-11-24 09:00:00.5")).isEqualTo(Instant.parse("2026-11-24T04:00:00Z"));
        assertThat(karachi.parse("2026-11-24T09:00:00+05:00")).isEqualTo(Instant.parse("2026-11-24T04:00:00Z"));
        assertThat(karachi.parse("2026-11-24T04:00:00Z"))
                .as("an offset wins over the zone")
                .isEqualTo(Instant.parse("2026-11-24T04:00:00Z"));
    }

    @Test
    void anyLayoutReadsAsBioTimesPlainWallClockTextAndUnreadableAsNone() {
        assertThat(karachi.wallClock("2026-11-24T09:00:00.750")).isEqualTo("2026-11-24 09:00:00");
        assertThat(karachi.wallClock("2026-11-24T04:00:00Z")).isEqualTo("2026-11-24 09:00:00");
        assertThat(karachi.wallClock("2026-11-24 09:00:00")).isEqualTo("2026-11-24 09:00:00");
        assertThat(karachi.wallClock("yesterday")).isNull();
        assertThat(karachi.wallClock(null)).isNull();
    }

    @Test
    void unreadableTimesAreRefused() {
        for (String text : List.of(
                "2026-13-01 09:00:00",
                "2026-11-24 25:00:00",
                "2026-11-24 09:60:00",
                "2026-11-24 9:00:00",
                "2026-11-2x 09:00:00",
                "2026/11/24 09:00:00",
                "")) {
            assertThatThrownBy(() -> berlin.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
