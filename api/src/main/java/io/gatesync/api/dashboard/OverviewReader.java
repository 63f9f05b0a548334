package io.gatesync.api.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import io.gatesync.api.control.ConnectionTests;
import io.gatesync.api.dashboard.Overview.BioTime;
import io.gatesync.api.dashboard.Overview.Broker;
import io.gatesync.api.dashboard.Overview.Counts;
import io.gatesync.api.dashboard.Overview.Health;
import io.gatesync.api.dashboard.Overview.LeaverPass;
import io.gatesync.api.dashboard.Overview.QueueDepth;
import io.gatesync.api.dashboard.Overview.RateBudget;
import io.gatesync.api.dashboard.Overview.Statistics;
import io.gatesync.api.web.Blocking;
import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.metrics.SyncBacklog;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * Reads the overview: the database part (statistics, budget, last connection test, live workers) and the broker part
 * (queue depths, by passive declaration through RabbitAdmin) side by side, each within {@link #CHECK_TIMEOUT}, so a
 * dependency that hangs shows as down after a few seconds instead of holding the dashboard's refresh.
 */
@Component
class OverviewReader {

    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(4);

    private final JdbcClient jdbc;
    private final AmqpAdmin amqp;
    private final CommandTopology topology;
    private final RuntimeSettings settings;
    private final ConnectionTests connectionTests;
    private final Blocking blocking;
    private final Duration workerLiveFor;

    OverviewReader(
            JdbcClient jdbc,
            AmqpAdmin amqp,
            CommandTopology topology,
            RuntimeSettings settings,
            ConnectionTests connectionTests,
            Blocking blocking,
            @Value("${gatesync.cluster.live-for:15s}") Duration workerLiveFor) {
        this.jdbc = jdbc;
        this.amqp = amqp;
        this.topology = topology;
        this.settings = settings;
        this.connectionTests = connectionTests;
        this.blocking = blocking;
        this.workerLiveFor = workerLiveFor;
    }

    /** The database's share of the overview. */
    private record DatabasePart(Health health, BioTime biotime, RateBudget rateBudget, Statistics statistics) {}

    Mono<Overview> read() {
        Mono<DatabasePart> database =
                timed(this::databasePart).onErrorResume(e -> Mono.just(new DatabasePart(down(e), null, null, null)));
        Mono<Broker> broker = timed(this::broker).onErrorResume(e -> Mono.just(new Broker(down(e), List.of(), null)));
        return Mono.zip(database, broker)
                .map(parts -> new Overview(
                        Instant.now(),
                        parts.getT1().health(),
                        parts.getT2(),
                        parts.getT1().biotime(),
                        parts.getT1().rateBudget(),
                        parts.getT1().statistics()));
    }

    private <T> Mono<T> timed(Callable<T> read) {
        return blocking.call(read).timeout(CHECK_TIMEOUT);
    }

    private static Health down(Throwable e) {
        String why = e instanceof java.util.concurrent.TimeoutException
                ? "no answer within " + CHECK_TIMEOUT.toSeconds() + " s"
                : Texts.truncate(String.valueOf(rootCause(e).getMessage()), 300);
        return new Health(false, 0, why);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private DatabasePart databasePart() {
        long start = System.nanoTime();
        jdbc.sql("SELECT 1").query(Integer.class).single();
        Health health = new Health(true, (System.nanoTime() - start) / 1_000_000, null);
        ZktecoProperties now = settings.current();
        long workers = jdbc.sql("SELECT COUNT(*) FROM worker_nodes WHERE last_seen >= ?")
                .param(DbTime.toDb(Instant.now().minus(workerLiveFor)))
                .query(Long.class)
                .single();
        BioTime biotime = new BioTime(connectionTests.last().orElse(null), workers);
        return new DatabasePart(health, biotime, rateBudget(now.rateLimit()), statistics(now.timezone()));
    }

    /** The workers' shared slot grid ({@code rate_budget}, row "biotime"), read by the database's clock. */
    private RateBudget rateBudget(double perSecond) {
        return jdbc.sql("SELECT next_slot_us, CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED) FROM rate_budget "
                        + "WHERE name = 'biotime'")
                .query((rs, n) -> {
                    long next = rs.getLong(1);
                    long dbNow = rs.getLong(2);
                    return new RateBudget(
                            perSecond,
                            next == 0 ? null : Instant.EPOCH.plusNanos(next * 1000),
                            Math.max(0, next - dbNow) / 1_000_000.0);
                })
                .optional()
                .orElse(new RateBudget(perSecond, null, 0));
    }

    private Statistics statistics(ZoneId zone) {
        Instant dayStart = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        // An exit of today may close an entry of yesterday (night shifts); exits without entry have no entry time.
        // Both ranges use the entry_time index. A punch with a push mark was sent by GateSync; one without, pulled.
        long[] today = jdbc.sql("""
                SELECT COALESCE(SUM(log_day >= :today AND zkteco_synced = 1), 0),
                       COALESCE(SUM(log_day >= :today AND zkteco_synced = 0), 0),
                       COALESCE(SUM(log_day >= :today AND zkteco_synced = 0 AND zkteco_sync_error IS NOT NULL), 0),
                       COALESCE(SUM(entry_time >= :today AND entry_push_started_at IS NOT NULL
                                    AND (zkteco_transaction_id IS NOT NULL OR zkteco_manual_log_id IS NOT NULL)), 0)
                     + COALESCE(SUM(exit_time >= :today AND exit_push_started_at IS NOT NULL
                                    AND (zkteco_exit_transaction_id IS NOT NULL
                                         OR zkteco_exit_manual_log_id IS NOT NULL)), 0),
                       COALESCE(SUM(entry_time >= :today AND zkteco_transaction_id IS NOT NULL
                                    AND entry_push_started_at IS NULL), 0)
                     + COALESCE(SUM(exit_time >= :today AND zkteco_exit_transaction_id IS NOT NULL
                                    AND exit_push_started_at IS NULL), 0)
                FROM (SELECT e.*, COALESCE(entry_time, exit_time) AS log_day FROM entry_logs e
                      WHERE entry_time >= :since OR entry_time IS NULL) rows_of_today
                """)
                .param("today", DbTime.toDb(dayStart))
                .param("since", DbTime.toDb(dayStart.minus(Duration.ofDays(1))))
                .query((rs, n) ->
                        new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)})
                .single();
        long peopleLeft =
                number("SELECT COUNT(*) FROM people WHERE status = 'LEFT'").longValue();
        long leaverPassesToday = jdbc.sql("SELECT COUNT(*) FROM entry_logs WHERE person_left = 1 AND created_at >= ?")
                .param(DbTime.toDb(dayStart))
                .query(Long.class)
                .single();
        List<LeaverPass> leaverPasses = jdbc.sql(
                        "SELECT e.id, e.cnic, p.name, COALESCE(e.exit_time, e.entry_time) AS t, "
                                + "COALESCE(e.exit_gate, e.entry_gate) AS g FROM entry_logs e JOIN people p ON p.id = e.person_id "
                                + "WHERE e.person_left = 1 ORDER BY e.created_at DESC, e.id DESC LIMIT 10")
                .query((rs, n) -> new LeaverPass(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        io.gatesync.common.db.Rows.instant(rs, "t"),
                        rs.getString(5)))
                .list();
        return new Statistics(
                counts(SyncBacklog.PEOPLE),
                counts(SyncBacklog.ENTRY_LOGS),
                new Counts(today[0], today[1], today[2]),
                today[3],
                today[4],
                lag(SyncBacklog.ENTRY_LOGS),
                lag(SyncBacklog.PEOPLE),
                number(SyncBacklog.DEAD_LETTERS_PENDING).longValue(),
                zone,
                dayStart,
                peopleLeft,
                leaverPassesToday,
                leaverPasses);
    }

    /** Each count on its own uses the (zkteco_synced, …) index; failed ones are among the pending only. */
    private Counts counts(String table) {
        return new Counts(
                number("SELECT COUNT(*) FROM " + table + " WHERE zkteco_synced = 1")
                        .longValue(),
                number(SyncBacklog.pending(table)).longValue(),
                number(SyncBacklog.pending(table) + " AND zkteco_sync_error IS NOT NULL")
                        .longValue());
    }

    private Double lag(String table) {
        Number seconds = number(SyncBacklog.lagSeconds(table));
        return seconds == null ? null : seconds.doubleValue();
    }

    private Number number(String sql) {
        return jdbc.sql(sql)
                .query((rs, n) -> (Number) rs.getObject(1))
                .optional()
                .orElse(null);
    }

    private Broker broker() {
        long start = System.nanoTime();
        List<QueueDepth> queues = new ArrayList<>();
        for (CommandKind kind : CommandKind.values()) {
            QueueInformation work = amqp.getQueueInfo(topology.queue(kind));
            QueueInformation dead = amqp.getQueueInfo(topology.deadLetterQueue(kind));
            queues.add(new QueueDepth(
                    kind.routingKey(),
                    topology.queue(kind),
                    work == null ? null : (long) work.getMessageCount(),
                    work == null ? null : work.getConsumerCount(),
                    topology.deadLetterQueue(kind),
                    dead == null ? null : (long) dead.getMessageCount()));
        }
        long retrying = 0;
        for (Duration delay : topology.retryDelays()) {
            QueueInformation hold = amqp.getQueueInfo(topology.retryExchange(delay));
            retrying += hold == null ? 0 : hold.getMessageCount();
        }
        return new Broker(new Health(true, (System.nanoTime() - start) / 1_000_000, null), queues, retrying);
    }
}
