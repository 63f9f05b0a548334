package io.gatesync.worker.attendance;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.db.Rows;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.attendance.BatchDecisions.Stored;
import io.gatesync.worker.attendance.PunchPolicy.DayPunch;
import io.gatesync.worker.attendance.PunchPolicy.Decision;
import io.gatesync.worker.attendance.PunchPolicy.Rule;

/**
 * What the database holds around an import batch, read under the batch's person locks: the people (by CNIC, and
 * locked), which punches are stored already, the pulled punches the fresh ones' decisions depend on, and each
 * person's entry logs as a {@link Timeline}. Index range reads only, a few round trips per batch whatever its size.
 */
final class NeighbourhoodReader implements PunchTriage.People {

    /** People per neighbourhood query. */
    private static final int PEOPLE_PER_QUERY = 500;

    private static final String COLUMNS = "id, person_id, source, entry_time, exit_time, zkteco_transaction_id, "
            + "zkteco_exit_transaction_id, entry_push_started_at, exit_push_started_at, entry_punch_shift, "
            + "exit_punch_shift, entry_terminal_sn, exit_terminal_sn";

    /**
     * The latest entry/exit before, and the earliest after, a time: per person, by loose index scans, in one round
     * trip. {@code who} is the CNIC for entries and the person id (as text) for exits.
     */
    private static final String POINTS = "SELECT 'IN' AS k, cnic AS who, MAX(entry_time) AS at FROM entry_logs "
            + "WHERE cnic IN (:cnics) AND entry_time < :lo GROUP BY cnic "
            + "UNION ALL SELECT 'IN', cnic, MIN(entry_time) FROM entry_logs "
            + "WHERE cnic IN (:cnics) AND entry_time > :hi GROUP BY cnic "
            + "UNION ALL SELECT 'OUT', person_id, MAX(exit_time) FROM entry_logs "
            + "WHERE person_id IN (:ids) AND exit_time < :lo GROUP BY person_id "
            + "UNION ALL SELECT 'OUT', person_id, MIN(exit_time) FROM entry_logs "
            + "WHERE person_id IN (:ids) AND exit_time > :hi GROUP BY person_id";

    /** Entry logs with an entry or exit in the span, and those holding the entries and exits found above. */
    private static final String IN_SPAN = "SELECT " + COLUMNS + " FROM entry_logs WHERE cnic IN (:cnics) "
            + "AND entry_time BETWEEN :lo AND :hi UNION ALL SELECT " + COLUMNS + " FROM entry_logs "
            + "WHERE person_id IN (:ids) AND exit_time BETWEEN :lo AND :hi";

    private static final String AT_ENTRIES =
            "SELECT " + COLUMNS + " FROM entry_logs " + "WHERE (cnic, entry_time) IN (:entries)";
    private static final String AT_EXITS =
            "SELECT " + COLUMNS + " FROM entry_logs " + "WHERE (person_id, exit_time) IN (:exits)";

    private static final String STORED = "transaction_id, person_id, punch_time, terminal_sn, punch_rule, decision";

    private final JdbcClient sql;
    private final PunchPolicy policy;

    NeighbourhoodReader(JdbcClient sql, PunchPolicy policy) {
        this.sql = sql;
        this.policy = policy;
    }

    @Override
    public Map<String, Long> ids(List<String> cnics, Set<String> left) {
        Map<String, Long> ids = new HashMap<>();
        for (int i = 0; i < cnics.size(); i += 1000) {
            sql.sql("SELECT id, cnic, status FROM people WHERE cnic IN (:cnics)")
                    .param("cnics", cnics.subList(i, Math.min(cnics.size(), i + 1000)))
                    .query((ResultSet rs) -> {
                        ids.put(rs.getString("cnic"), rs.getLong("id"));
                        if ("LEFT".equals(rs.getString("status"))) {
                            left.add(rs.getString("cnic"));
                        }
                    });
        }
        return ids;
    }

    /**
     * Locks the people (in id order, as gate ingest does). The first statement of the batch's transaction: the
     * snapshot the reads below see starts after the locks are held.
     */
    void lock(List<Long> personIds) {
        sql.sql("SELECT id FROM people WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", personIds)
                .query(Long.class)
                .list();
    }

    /**
     * Which of these BioTime ids were pulled before, or an entry log holds as its entry or its exit (GateSync's own
     * pushes, and punches pulled before the pull kept its punches). Read by ranges ({@link IdRanges}), kept to the
     * ids asked for.
     */
    Set<Long> storedTransactions(List<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        IdRanges ranges = IdRanges.of(ids);
        Set<Long> asked = new HashSet<>(ids);
        Set<Long> stored = new HashSet<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            params.addAll(ranges.params());
        }
        sql.sql("SELECT transaction_id FROM pulled_punches WHERE " + ranges.where("transaction_id")
                        + " UNION ALL SELECT zkteco_transaction_id FROM entry_logs WHERE "
                        + ranges.where("zkteco_transaction_id")
                        + " UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs WHERE "
                        + ranges.where("zkteco_exit_transaction_id"))
                .params(params)
                .query((ResultSet rs) -> {
                    long id = rs.getLong(1);
                    if (asked.contains(id)) {
                        stored.add(id);
                    }
                });
        return stored;
    }

    /**
     * The pulled punches the fresh ones' decisions depend on, by person: the day-rule punches of the days with a new
     * day-rule punch, and (bounces counted) the entries and exits within {@link BatchDecisions#BOUNCE_REACH} of the
     * new ones: from {@code pulled_punches} (bounces, and punches pulled before their entry logs kept terminals) and
     * from the entry logs that keep them alone, each punch once. Those entry logs are taken from the people's
     * {@code lines}, which must have been read over the batch's span widened by {@link #reach} (they hold every entry
     * log with an entry or exit there): the entry logs are read once per batch, not once for the lines and again for
     * their terminals.
     */
    Map<Long, List<Stored>> storedAround(Map<Long, List<KnownPunch>> fresh, Map<Long, Timeline> lines) {
        Map<Long, Map<Long, Stored>> stored = new HashMap<>(); // by person, by transaction id
        Set<String> days = new HashSet<>();
        Set<Long> dayPeople = new HashSet<>();
        List<Span> spans = new ArrayList<>(); // around each run of a person's entries/exits: see addSpans
        for (Map.Entry<Long, List<KnownPunch>> person : fresh.entrySet()) {
            List<Instant> fixed = new ArrayList<>();
            for (KnownPunch p : person.getValue()) {
                if (p.rule() == Rule.ALTERNATE || p.rule() == Rule.FIRST_IN_LAST_OUT) {
                    days.add(policy.day(p.time()).toString());
                    dayPeople.add(person.getKey());
                } else if (policy.bounces()) {
                    fixed.add(p.time());
                }
            }
            addSpans(spans, person.getKey(), fixed);
        }
        if (!dayPeople.isEmpty()) {
            sql.sql("SELECT " + STORED + " FROM pulled_punches WHERE person_id IN (:ids) AND punch_day IN (:days) "
                            + "AND punch_rule IN ('ALTERNATE', 'FIRST_IN_LAST_OUT')")
                    .param("ids", List.copyOf(dayPeople))
                    .param("days", List.copyOf(days))
                    .query((ResultSet rs) -> {
                        addStored(stored, rs);
                    });
        }
        // a range read per span on (person_id, punch_day, punch_time): a late upload among today's punches does not
        // read the month between them
        for (int from = 0; from < spans.size(); from += PEOPLE_PER_QUERY) {
            List<Span> some = spans.subList(from, Math.min(spans.size(), from + PEOPLE_PER_QUERY));
            sql.sql("SELECT " + STORED + " FROM pulled_punches WHERE punch_rule IN ('IN', 'OUT') AND ("
                            + either(
                                    some.size(), "person_id = ? AND punch_day IN (?, ?) AND punch_time BETWEEN ? AND ?")
                            + ")")
                    .params(some.stream()
                            .flatMap(span -> Stream.of(
                                    span.personId(),
                                    policy.day(span.start()).toString(),
                                    policy.day(span.end()).toString(),
                                    DbTime.toDb(span.start()),
                                    DbTime.toDb(span.end())))
                            .toList())
                    .query((ResultSet rs) -> {
                        addStored(stored, rs);
                    });
        }
        for (Span span : spans) {
            for (Timeline.Event kept : lines.get(span.personId()).keptBetween(span.start(), span.end())) {
                boolean in = kept.kind == Timeline.Kind.IN;
                stored.computeIfAbsent(span.personId(), k -> new HashMap<>())
                        .putIfAbsent( // a pulled_punches row stands for its punch
                                kept.transactionId,
                                new Stored(
                                        span.personId(),
                                        new DayPunch(
                                                kept.transactionId,
                                                kept.time,
                                                kept.terminalSn,
                                                in ? Rule.IN : Rule.OUT),
                                        in ? Decision.IN : Decision.OUT));
            }
        }
        Map<Long, List<Stored>> byPerson = new HashMap<>();
        stored.forEach((person, punches) -> byPerson.put(person, new ArrayList<>(punches.values())));
        return byPerson;
    }

    /**
     * How far around a batch's punches its lines must be read for {@link #storedAround}: the bounce reach, when
     * bounces are counted.
     */
    Duration reach() {
        return policy.bounces() ? BatchDecisions.BOUNCE_REACH : Duration.ZERO;
    }

    /** {@code count} copies of a condition, joined by OR. */
    private static String either(int count, String condition) {
        return String.join(" OR ", Collections.nCopies(count, "(" + condition + ")"));
    }

    /** A run of a person's entries and exits, widened by {@link BatchDecisions#BOUNCE_REACH} on both sides. */
    private record Span(long personId, Instant start, Instant end) {}

    /**
     * The spans {@link BatchDecisions#BOUNCE_REACH} around a person's times, joined where they meet (a span is far
     * shorter than a day, so it touches two days at most).
     */
    private static void addSpans(List<Span> spans, long personId, List<Instant> times) {
        times.sort(null);
        Instant start = null;
        Instant end = null;
        for (Instant t : times) {
            if (end != null && t.minus(BatchDecisions.BOUNCE_REACH).isAfter(end)) {
                spans.add(new Span(personId, start, end));
                start = null;
            }
            start = start == null ? t.minus(BatchDecisions.BOUNCE_REACH) : start;
            end = t.plus(BatchDecisions.BOUNCE_REACH);
        }
        if (start != null) {
            spans.add(new Span(personId, start, end));
        }
    }

    /** A {@code pulled_punches} row; it stands for its punch when the punch's entry log keeps it too. */
    private static void addStored(Map<Long, Map<Long, Stored>> stored, ResultSet rs) throws java.sql.SQLException {
        Stored punch = stored(rs);
        stored.computeIfAbsent(punch.personId(), k -> new HashMap<>())
                .put(punch.punch().id(), punch);
    }

    private static Stored stored(ResultSet rs) throws java.sql.SQLException {
        return new Stored(
                rs.getLong("person_id"),
                new DayPunch(
                        rs.getLong("transaction_id"),
                        Rows.instant(rs, "punch_time"),
                        rs.getString("terminal_sn"),
                        Rule.valueOf(rs.getString("punch_rule"))),
                Decision.valueOf(rs.getString("decision")));
    }

    /**
     * Each person's time line around the batch's time span [lo, hi]: every entry log with an entry or exit inside
     * it, and the ones holding the person's last entry and exit before it and first after it (with their ties). That
     * is all a punch inside the span needs to find its neighbours. Entries are found through (cnic, entry_time),
     * exits through (person_id, exit_time, …): index range reads only, however long a person's history.
     */
    Map<Long, Timeline> timelines(Map<Long, List<KnownPunch>> byPerson, Instant first, Instant last) {
        Map<Long, Timeline> lines = new HashMap<>();
        byPerson.forEach((person, punches) ->
                lines.put(person, new Timeline(person, punches.get(0).cnic())));
        String lo = DbTime.toDb(first);
        String hi = DbTime.toDb(last);
        List<Long> personIds = new ArrayList<>(byPerson.keySet());
        for (int from = 0; from < personIds.size(); from += PEOPLE_PER_QUERY) {
            List<Long> ids = personIds.subList(from, Math.min(personIds.size(), from + PEOPLE_PER_QUERY));
            List<String> cnics = ids.stream().map(id -> lines.get(id).cnic).toList();
            Map<String, Object> params = new HashMap<>(Map.of("cnics", cnics, "ids", ids, "lo", lo, "hi", hi));
            StringBuilder query = new StringBuilder(IN_SPAN);
            List<Object[]> entries = new ArrayList<>();
            List<Object[]> exits = new ArrayList<>();
            sql.sql(POINTS).params(params).query((ResultSet rs) -> {
                String at = DbTime.toDb(Rows.instant(rs, "at"));
                if ("IN".equals(rs.getString("k"))) {
                    entries.add(new Object[] {rs.getString("who"), at});
                } else {
                    exits.add(new Object[] {Long.parseLong(rs.getString("who")), at});
                }
            });
            if (!entries.isEmpty()) {
                query.append(" UNION ALL ").append(AT_ENTRIES);
                params.put("entries", entries);
            }
            if (!exits.isEmpty()) {
                query.append(" UNION ALL ").append(AT_EXITS);
                params.put("exits", exits);
            }
            sql.sql(query.toString()).params(params).query((ResultSet rs) -> {
                lines.get(rs.getLong("person_id"))
                        .load(new Timeline.StoredRow(
                                rs.getLong("id"),
                                rs.getString("source"),
                                Rows.instant(rs, "entry_time"),
                                Rows.instant(rs, "exit_time"),
                                Rows.nullableLong(rs, "zkteco_transaction_id"),
                                Rows.nullableLong(rs, "zkteco_exit_transaction_id"),
                                Rows.instant(rs, "entry_push_started_at"),
                                Rows.instant(rs, "exit_push_started_at"),
                                rs.getInt("entry_punch_shift"),
                                rs.getInt("exit_punch_shift"),
                                rs.getString("entry_terminal_sn"),
                                rs.getString("exit_terminal_sn")));
            });
        }
        return lines;
    }
}
