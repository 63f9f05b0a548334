/**
 * The attendance pull, BioTime → entry logs: {@link PullChunkListener} consumes one {@code PullAttendanceCommand} (a
 * chunk planned by the api or by the periodic job) → {@link ChunkImport} reads the chunk's punches (a time window, or
 * the arrivals since the last read: {@link ArrivalImport}) → {@link AttendanceImporter} imports them page by page, in
 * batches of whole people: {@link PunchTriage} sorts a page (pure), {@link NeighbourhoodReader} reads what a batch
 * needs under its locks, {@link BatchDecisions} decides its punches by {@link PunchPolicy} and pairs them on each
 * person's {@link Timeline} (pure), and {@link ImportWriter} writes entry logs (a fixed-direction entry or exit is kept
 * there alone, with its terminal) and {@code pulled_punches} (the other punches); what cannot be imported yet waits
 * in {@link ParkingList}.
 */
package io.gatesync.worker.attendance;
