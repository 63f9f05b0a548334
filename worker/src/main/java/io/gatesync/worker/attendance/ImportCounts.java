package io.gatesync.worker.attendance;

/**
 * What an import did with the punches it was given.
 *
 * @param seen       punches given (each BioTime id once)
 * @param imported   punches that made an entry or an exit (created or closed an entry log, or moved an exit to the
 *                   entry it belongs to)
 * @param duplicates punches pulled before or already in the entry logs, including GateSync's own pushed ones
 * @param parked     punches that cannot be imported yet, in the parking list with their reason
 * @param folded     punches the state policy counts for neither entry nor exit: a bounce, or between the day's first
 *                   and last under first-in-last-out
 */
public record ImportCounts(int seen, int imported, int duplicates, int parked, int folded) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(
                seen + other.seen,
                imported + other.imported,
                duplicates + other.duplicates,
                parked + other.parked,
                folded + other.folded);
    }

    public String describe() {
        return "seen " + seen + ", imported " + imported + ", already here " + duplicates + ", parked " + parked
                + ", bounces and in-betweens " + folded;
    }
}
