package io.gatesync.worker.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.ListPage;
import io.gatesync.worker.biotime.Terminal;

/**
 * Reads BioTime's terminals ({@code /iclock/api/terminals/}: serial number, alias, area, {@code last_activity}) into
 * {@code biotime_terminals} on each periodic pull. A terminal that has not spoken to BioTime for longer than
 * GATESYNC_PULL_TERMINAL_SILENT_AFTER is silent: offline, or cut from the network, and holding punches it will upload
 * later. The metric {@code gatesync_terminals_silent}, its alert and the dashboard say so, and the pull's "complete
 * up to" mark waits for the oldest last activity. Terminals gone from BioTime leave the table.
 */
public class TerminalWatch {

    private static final Logger log = LoggerFactory.getLogger(TerminalWatch.class);
    private static final int PAGE_SIZE = 100;

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String ownTerminalSn;
    private final Duration silentAfter;
    private volatile String lastFailure;

    public TerminalWatch(
            BioTimeClient client,
            BioTimeClock clock,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            String ownTerminalSn,
            Duration silentAfter) {
        this.client = client;
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.ownTerminalSn = ownTerminalSn;
        this.silentAfter = silentAfter;
    }

    /**
     * Reads every terminal and stores them; returns a line for the sync log. A failure is logged (once until it
     * changes) and answered in the line: the pull itself goes on.
     */
    public String read() {
        List<Terminal> terminals = new ArrayList<>();
        try {
            for (int page = 1; ; page++) {
                ListPage<Terminal> read = client.terminals(page, PAGE_SIZE);
                terminals.addAll(read.items());
                if (read.items().isEmpty() || read.isLast(terminals.size())) {
                    break;
                }
            }
        } catch (BioTimeException e) {
            String why = "terminals not read: " + e.getMessage();
            if (!why.equals(lastFailure)) {
                log.warn("Attendance pull: {}; silent terminals are not watched until this works", why);
                lastFailure = why;
            }
            return why;
        }
        lastFailure = null;
        String now = DbTime.now();
        List<Object[]> rows = new ArrayList<>();
        Instant oldest = Instant.now().minus(silentAfter);
        int silent = 0;
        for (Terminal t : terminals) {
            Instant last = lastActivity(t);
            boolean own = t.sn() != null && t.sn().equals(ownTerminalSn);
            if (!own && (last == null || last.isBefore(oldest))) {
                silent++;
            }
            rows.add(new Object[] {
                Texts.truncate(t.sn(), 32),
                Texts.truncate(t.alias(), 100),
                Texts.truncate(t.areaLabel(), 100),
                last == null ? null : DbTime.toDb(last),
                own ? 1 : 0,
                silentAfter.toSeconds(),
                now
            });
        }
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate(
                    "INSERT INTO biotime_terminals (sn, alias, area_name, last_activity, own, silent_after_s, "
                            + "read_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE alias = VALUES(alias), "
                            + "area_name = VALUES(area_name), last_activity = VALUES(last_activity), own = VALUES(own), "
                            + "silent_after_s = VALUES(silent_after_s), read_at = VALUES(read_at)",
                    rows);
            jdbc.update("DELETE FROM biotime_terminals WHERE read_at < ?", now); // gone from BioTime
        });
        return terminals.size() + " terminal(s), " + silent + " silent for over " + silentAfter.toMinutes() + " min";
    }

    private Instant lastActivity(Terminal t) {
        if (t.lastActivity() == null || t.lastActivity().isBlank()) {
            return null;
        }
        try {
            return clock.parse(t.lastActivity());
        } catch (RuntimeException unreadable) {
            return null; // counted as never heard: better a false alarm than a gate nobody watches
        }
    }
}
