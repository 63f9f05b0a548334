package io.gatesync.api.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A reconciliation run and what it found: per day, the punches each side holds and what became of the differences;
 * the employees checked; and what could not be healed, with why (the first {@link ReconcileService#UNRESOLVED_SHOWN}).
 */
public record ReconcileReport(
        long runId,
        String status,
        LocalDate from,
        LocalDate to,
        String requestedBy,
        Instant createdAt,
        Instant finishedAt,
        String error,
        List<Day> days,
        Employees employees,
        List<Unresolved> unresolved) {

    /**
     * One day.
     *
     * @param gatesync   punches GateSync's entry logs hold for the day: gate punches it sent, punches it took
     * @param biotime    punches BioTime holds for the day
     * @param matched    BioTime's punches GateSync already held
     * @param pushed     punches GateSync sent that BioTime had lost, sent again
     * @param imported   BioTime punches GateSync had not taken, imported now
     * @param parked     BioTime punches GateSync had not taken that wait in the parking list, with their reason
     * @param unresolved differences that could not be healed (listed in {@code unresolved})
     */
    public record Day(
            LocalDate date,
            String status,
            int gatesync,
            int biotime,
            int matched,
            int pushed,
            int imported,
            int parked,
            int unresolved) {}

    /** GateSync's people whose BioTime employee was checked; resynced or resigned because it had drifted. */
    public record Employees(String status, int checked, int resynced, int resigned, int unresolved) {}

    /** A difference left as it is: the day (none for an employee), what it is about, why. */
    public record Unresolved(LocalDate date, String ref, String reason) {}
}
