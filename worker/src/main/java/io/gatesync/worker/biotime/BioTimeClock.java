package io.gatesync.worker.biotime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import io.gatesync.common.config.ZktecoProperties;

/**
 * BioTime speaks naive local times ("2026-11-24 09:15:00") of its server's zone (ZKTECO_TIMEZONE). This is the
 * one place that converts them; nothing else guesses a zone.
 */
public class BioTimeClock {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    public BioTimeClock(ZktecoProperties settings) {
        this(settings.timezone());
    }

    public BioTimeClock(ZoneId zone) {
        this.zone = zone;
    }

    /** An instant as BioTime's wall-clock text, to the second (BioTime keeps no fractions). */
    public String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant, zone));
    }

    /**
     * BioTime wall-clock text as an instant. In the hour a DST change repeats, the earlier offset is taken; a time
     * in the skipped hour is moved forward by the gap (java.time's rule), as the terminal's clock did.
     */
    public Instant parse(String text) {
        return ZonedDateTime.ofLocal(LocalDateTime.parse(text.trim().replace('T', ' '), FORMAT), zone, null)
                .toInstant();
    }

    public ZoneId zone() {
        return zone;
    }
}
