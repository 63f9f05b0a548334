package io.gatesync.worker.attendance;

/**
 * What an import did with the punches it was given.
 *
 * @param seen       punches given (each BioTime id once)
 * @param imported   punches that created or closed an entry log (or moved an exit to the entry it belongs to)
 * @param duplicates punches already in the entry logs, including GateSync's own pushed ones coming back
 * @param unknown    punches of an emp_code that is no CNIC or nobody registered (logged in zkteco_sync_logs)
 * @param skipped    punches of a state the policy leaves out, or unreadable ones (logged in zkteco_sync_logs)
 */
public record ImportCounts(int seen, int imported, int duplicates, int unknown, int skipped) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(seen + other.seen, imported + other.imported, duplicates + other.duplicates,
                unknown + other.unknown, skipped + other.skipped);
    }

    public String describe() {
        return "seen " + seen + ", imported " + imported + ", already here " + duplicates + ", unknown person "
                + unknown + ", skipped " + skipped;
    }
}
