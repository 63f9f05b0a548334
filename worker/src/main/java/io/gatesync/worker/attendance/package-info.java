/**
 * The attendance pull, BioTime → entry logs: {@link PullChunkListener} consumes one {@code PullAttendanceCommand} (a
 * chunk planned by the api or by the periodic job) → {@link ChunkImport} reads the chunk's punches (a time window, or
 * the arrivals since the last read: {@link ArrivalImport}) → {@link AttendanceImporter} pairs them into entry logs by
 * {@link PunchPolicy} and {@link Timeline}; what cannot be imported yet waits in {@link ParkingList}.
 */
package io.gatesync.worker.attendance;
