package io.gatesync.common.pull;

/**
 * How far the attendance pull is complete, as the api shows it and the workers' metrics report it, from one set of
 * queries. BioTime has everything a terminal punched before its last activity (terminals upload in order), and the
 * pull has read everything BioTime had when it last read arrivals; so the entry logs are complete up to the
 * earlier of that read and the oldest last activity of the site's terminals (GateSync's own not counted). A
 * terminal BioTime has never heard from holds nothing back, but is counted silent.
 */
public final class Completeness {

    private Completeness() {}

    /** Terminals silent longer than their limit, or never heard from. */
    public static final String SILENT_TERMINALS = "SELECT COUNT(*) FROM biotime_terminals WHERE own = 0 "
            + "AND (last_activity IS NULL OR last_activity < UTC_TIMESTAMP(3) - INTERVAL silent_after_s SECOND)";

    /** The "complete up to" time (UTC), or no row / NULL before the first periodic arrival read. */
    public static final String COMPLETE_UP_TO = "SELECT LEAST(c.read_at, COALESCE((SELECT MIN(last_activity) "
            + "FROM biotime_terminals WHERE own = 0), c.read_at)) FROM pull_cursor c";

    /** Seconds since the "complete up to" time. */
    public static final String LAG_SECONDS =
            "SELECT TIMESTAMPDIFF(MICROSECOND, (" + COMPLETE_UP_TO + "), UTC_TIMESTAMP(3)) / 1000000";
}
