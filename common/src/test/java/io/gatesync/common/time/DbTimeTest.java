package io.gatesync.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The text DbTime binds is what the pattern "yyyy-MM-dd HH:mm:ss.SSS" in UTC gives, to the millisecond. */
class DbTimeTest {

    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Test
    void writesThePatternForAnyInstant() {
        Random random = new Random(5);
        long from = Instant.parse("0900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    from + (long) (random.nextDouble() * (to - from)), random.nextInt(1_000_000_000));
            assertThat(DbTime.toDb(instant))
                    .isEqualTo(PATTERN.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        }
        assertThat(DbTime.toDb(Instant.parse("2026-01-02T03:04:05.0069Z"))).isEqualTo("2026-01-02 03:04:05.006");
        assertThat(DbTime.toDb(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01 00:00:00.000");
        assertThat(DbTime.toDb(null)).isNull();
    }
}
