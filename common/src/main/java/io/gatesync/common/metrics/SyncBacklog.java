package io.gatesync.common.metrics;

/**
 * What "BioTime lacks" means, in SQL: shared by the workers' gauges and the api's dashboard, so both count alike.
 * {@code table} is {@code people} or {@code entry_logs}; each query returns one number.
 */
public final class SyncBacklog {

    public static final String PEOPLE = "people";
    public static final String ENTRY_LOGS = "entry_logs";

    /** Dead letters waiting for an operator's replay. */
    public static final String DEAD_LETTERS_PENDING = "SELECT COUNT(*) FROM dead_letters WHERE status = 'DEAD'";

    private SyncBacklog() {}

    /** Rows BioTime does not have yet. */
    public static String pending(String table) {
        return "SELECT COUNT(*) FROM " + table + " WHERE zkteco_synced = 0";
    }

    /** Seconds since the oldest of them last changed, by the database's clock; NULL when there is none. */
    public static String lagSeconds(String table) {
        return "SELECT TIMESTAMPDIFF(MICROSECOND, MIN(updated_at), UTC_TIMESTAMP(3)) / 1000000 FROM " + table
                + " WHERE zkteco_synced = 0";
    }
}
