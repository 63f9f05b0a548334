package io.gatesync.worker.attendance;

import java.time.Clock;
import java.util.List;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports again the parked punches whose cause may be fixed (the person registered, the state policy changed, an
 * operator asked, a day passed); those the import does not park again leave the list. Run by every periodic arrival
 * read, so a fixed cause shows in the entry logs within one pull interval.
 */
public class ParkedRetry {

    /** Parked punches retried per run, at most (the rest wait for the next run). */
    static final int LIMIT = 5000;

    private static final Logger log = LoggerFactory.getLogger(ParkedRetry.class);

    private final ParkingList parking;
    private final AttendanceImporter importer;
    private final Clock clock;

    public ParkedRetry(ParkingList parking, AttendanceImporter importer, Clock clock) {
        this.parking = parking;
        this.importer = importer;
        this.clock = clock;
    }

    /** Retries what is due; {@code counted} as for {@link AttendanceImporter#importPunches}. */
    public ImportCounts retry(IntConsumer counted) {
        List<ParkingList.Due> due = parking.due(importer.policy().fingerprint(), clock.instant(), LIMIT);
        if (due.isEmpty()) {
            return ImportCounts.NONE;
        }
        ImportCounts counts =
                importer.importPunches(due.stream().map(ParkingList.Due::punch).toList(), counted);
        int resolved = parking.resolve(due);
        log.info("Retried {} parked punch(es): {}; {} left the parking list", due.size(), counts.describe(), resolved);
        return counts;
    }
}
