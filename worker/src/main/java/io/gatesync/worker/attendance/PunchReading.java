package io.gatesync.worker.attendance;

import org.springframework.stereotype.Component;

import io.gatesync.worker.biotime.ArrivalReader;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.TransactionReader;

/**
 * What reads BioTime's punches into GateSync, and the cursor saying how far it got: the import of arrivals
 * ({@link ArrivalImport}) and the re-read after a restore ({@link RestoreReread}) both work with all of it.
 *
 * @param arrivals reads by arrival (transaction id)
 * @param windows  reads by punch-time window
 */
@Component
record PunchReading(
        BioTimeClient client,
        BioTimeClock clock,
        ArrivalReader arrivals,
        TransactionReader windows,
        AttendanceImporter importer,
        PullCursor cursor) {}
