package io.gatesync.worker.entrylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.HeldPunch;
import io.gatesync.worker.biotime.Punch;
import io.gatesync.worker.biotime.PunchChannel;
import io.gatesync.worker.biotime.PushResult;
import io.gatesync.worker.command.LockBusyException;
import io.gatesync.worker.command.NotYetException;
import io.gatesync.worker.command.Outcome;

/**
 * The exactly-once push protocol without a database or a BioTime: entry logs kept in memory ({@link Rows}, what
 * {@link JdbcEntryLogPushes} does with SQL) and a BioTime that keeps one punch per person and second ({@link
 * BioTime}). The same rules against MySQL and the simulator: RealServerRulesTest, NothingLostTest, RestartsIT.
 */
class EntrySyncTest {

    private static final String CNIC = "3520212345671";
    private static final Instant NINE = Instant.parse("2026-11-24T04:00:00Z");
    private static final Duration PUSH_ENDS_WITHIN = Duration.ofSeconds(135);

    private final Rows rows = new Rows();
    private final BioTime bioTime = new BioTime();
    private final Set<String> busyLocks = new HashSet<>();
    private final List<String> employeesSynced = new ArrayList<>();
    private final EntrySync sync = new EntrySync(
            rows,
            bioTime,
            new EntrySync.Employees() {
                @Override
                public Map<String, Long> linked(Collection<String> cnics) {
                    return Map.of();
                }

                @Override
                public long sync(String cnic) {
                    employeesSynced.add(cnic);
                    return 7;
                }
            },
            (names, wait, work) -> {
                Set<String> free = new HashSet<>(names);
                free.removeAll(busyLocks);
                return work.apply(free);
            },
            new BioTimeClock(ZoneId.of("Asia/Karachi")),
            new SimpleMeterRegistry(),
            PUSH_ENDS_WITHIN);

    @Test
    void anEntryAndItsExitAreSentOnceEachTheExitInASecondOfItsOwn() {
        long log = rows.add(NINE.plusMillis(200), NINE.plusMillis(700));

        String done = sync.sync(log);

        assertThat(bioTime.sent).containsExactly("0@04:00:00", "1@04:00:01");
        assertThat(done).isEqualTo("check-in 1, check-out 2 (sent 1 s later: one punch per person and second)");
        assertThat(employeesSynced).as("the person first").containsExactly(CNIC);
        Row row = rows.get(log);
        assertThat(List.of(row.entry.transactionId, row.exit.transactionId)).containsExactly(1L, 2L);
        assertThat(row.exit.shift).isEqualTo(1);
        assertThat(row.entry.startedAt).as("marked before it was sent").isNotNull();
        assertThat(row.synced).isTrue();

        assertThat(sync.sync(log)).isEqualTo("already synced");
        assertThat(bioTime.sent).hasSize(2);
    }

    @Test
    void aPunchAnEarlierPushStoredIsAdoptedNotSentAgain() {
        long log = rows.add(NINE, null);
        rows.get(log).entry.startedAt = Instant.now().minusSeconds(10); // a worker died before recording the id
        bioTime.hold(NINE, Punch.CHECK_IN, true);

        assertThat(sync.sync(log)).isEqualTo("check-in 1");

        assertThat(bioTime.sent).isEmpty();
        assertThat(rows.get(log).entry.transactionId).isEqualTo(1);
    }

    @Test
    void aPunchWhosePushMayStillBeUnderWayWaitsAndIsSentOnceThatPushSurelyEnded() {
        long log = rows.add(NINE, null);
        Instant marked = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        rows.get(log).entry.startedAt = marked;

        Outcome waiting = sync.syncAll(List.of(log)).get(log);

        assertThat(waiting.failure()).isInstanceOf(NotYetException.class);
        assertThat(((NotYetException) waiting.failure()).waitFor())
                .isBetween(Duration.ofSeconds(120), PUSH_ENDS_WITHIN);
        assertThat(bioTime.sent).isEmpty();
        assertThat(rows.get(log).entry.startedAt).as("its mark stays").isEqualTo(marked);
        assertThat(rows.get(log).error).contains("may still reach BioTime");

        rows.get(log).entry.startedAt = Instant.now().minus(PUSH_ENDS_WITHIN).minusSeconds(1);
        assertThat(sync.sync(log)).isEqualTo("check-in 1");
        assertThat(bioTime.sent).containsExactly("0@04:00:00");
    }

    @Test
    void aSecondGateSyncsOwnPunchOfAnotherStateTookMovesThePunchASecondLater() {
        long log = rows.add(NINE, null);
        bioTime.hold(NINE, Punch.CHECK_OUT, true);

        assertThat(sync.sync(log)).isEqualTo("check-in 2 (sent 1 s later: one punch per person and second)");

        assertThat(bioTime.sent).containsExactly("0@04:00:01");
        assertThat(rows.get(log).entry.shift)
                .as("recorded, so a retry looks in that second")
                .isEqualTo(1);
    }

    @Test
    void aSecondSomeoneElsesPunchOfAnotherStateTookIsAPunchConflictAndNothingIsOnTheWay() {
        long log = rows.add(NINE, null);
        bioTime.hold(NINE, Punch.CHECK_OUT, false);

        Outcome conflict = sync.syncAll(List.of(log)).get(log);

        assertThat(conflict.failure())
                .isInstanceOf(BioTimeException.class)
                .hasMessageContaining("not sent by GateSync");
        assertThat(((BioTimeException) conflict.failure()).deadLetterReason())
                .isEqualTo(BioTimeException.PUNCH_CONFLICT);
        assertThat(bioTime.stored).hasSize(1);
        assertThat(rows.get(log).entry.startedAt)
                .as("refused: nothing to wait for on a replay")
                .isNull();
        assertThat(rows.get(log).synced).isFalse();
    }

    @Test
    void aPushAnotherWorkerMarkedMeanwhileIsNotSent() {
        long log = rows.add(NINE, null);
        rows.beforeClaim = () -> rows.get(log).entry.startedAt = Instant.now(); // its lock went with its connection

        Outcome busy = sync.syncAll(List.of(log)).get(log);

        assertThat(busy.failure()).isInstanceOf(LockBusyException.class);
        assertThat(bioTime.sent).isEmpty();
    }

    @Test
    void aPushBioTimeRefusedClearsItsMarkSoTheNextTryNeitherWaitsNorAsks() {
        long log = rows.add(NINE, null);
        bioTime.fail = BioTimeException.http("POST /iclock/api/transactions/", 400, "{\"emp\": [\"Invalid\"]}", null);

        assertThat(sync.syncAll(List.of(log)).get(log).failure()).isSameAs(bioTime.fail);
        assertThat(rows.get(log).entry.startedAt).isNull();

        bioTime.fail = null;
        assertThat(sync.sync(log)).isEqualTo("check-in 1");
        assertThat(bioTime.asked).as("not looked up first").isZero();
    }

    @Test
    void aPushThatTimedOutKeepsItsMarkAndIsLookedUpBeforeBeingSentAgain() {
        long log = rows.add(NINE, null);
        bioTime.fail = BioTimeException.timeout("POST /iclock/api/transactions/", null);
        bioTime.storeEvenIfFailing = true; // the answer was lost, not the punch

        assertThat(sync.syncAll(List.of(log)).get(log).failure()).isSameAs(bioTime.fail);
        assertThat(rows.get(log).entry.startedAt).isNotNull();

        bioTime.fail = null;
        rows.get(log).entry.startedAt = Instant.now().minus(PUSH_ENDS_WITHIN).minusSeconds(1);
        assertThat(sync.sync(log)).isEqualTo("check-in 1");
        assertThat(bioTime.asked).isEqualTo(1);
        assertThat(bioTime.stored).as("once").hasSize(1);
    }

    @Test
    void ofABatchOnlyTheLogWhoseIdAnotherLogHoldsFails() {
        long first = rows.add(NINE, null);
        long second = rows.add(NINE.plusSeconds(60), null);
        rows.get(first).entry.transactionId = 1L; // the id BioTime will answer for the second log's punch
        rows.get(first).synced = true;

        Map<Long, Outcome> outcomes = sync.syncAll(List.of(first, second));

        assertThat(outcomes.get(first).result()).isEqualTo("already synced");
        assertThat(outcomes.get(second).failure()).hasMessageContaining("already as transaction 1");
        assertThat(rows.get(second).entry.transactionId).isNull();
    }

    @Test
    void aLogAnotherWorkerIsSyncingIsBusyAndOfABatchIsTriedAlone() {
        long mine = rows.add(NINE, null);
        long theirs = rows.add(NINE.plusSeconds(3600), null);
        busyLocks.add("gatesync-entry-log-" + theirs);

        Map<Long, Outcome> outcomes = sync.syncAll(List.of(mine, theirs));

        assertThat(outcomes.get(mine).result()).isEqualTo("check-in 1");
        assertThat(outcomes.get(theirs).failure()).isInstanceOf(LockBusyException.class);
        assertThat(bioTime.sent).containsExactly("0@04:00:00");
    }

    /** An entry log's punch as {@link Rows} keeps it. */
    private static final class Side {
        final Instant time;
        Long transactionId;
        Instant startedAt;
        int shift;

        Side(Instant time) {
            this.time = time;
        }

        EntryLogRow.Side row() {
            return new EntryLogRow.Side(time, transactionId, null, startedAt, shift);
        }
    }

    private static final class Row {
        final long id;
        final Side entry;
        final Side exit;
        boolean synced;
        String error;

        Row(long id, Instant entry, Instant exit) {
            this.id = id;
            this.entry = new Side(entry);
            this.exit = new Side(exit);
        }

        Side side(Direction direction) {
            return direction == Direction.ENTRY ? entry : exit;
        }

        EntryLogRow row() {
            return new EntryLogRow(id, 1, CNIC, entry.row(), exit.row(), synced);
        }
    }

    /** Entry logs of one person in memory. */
    private static final class Rows implements EntryLogPushes {
        final Map<Long, Row> logs = new LinkedHashMap<>();
        Runnable beforeClaim = () -> {};

        long add(Instant entry, Instant exit) {
            long id = logs.size() + 100;
            logs.put(id, new Row(id, entry, exit));
            return id;
        }

        Row get(long id) {
            return logs.get(id);
        }

        @Override
        public Map<Long, EntryLogRow> load(Collection<Long> ids) {
            Map<Long, EntryLogRow> loaded = new HashMap<>();
            ids.stream()
                    .filter(logs::containsKey)
                    .forEach(id -> loaded.put(id, logs.get(id).row()));
            return loaded;
        }

        @Override
        public List<EntryLogRow> around(Collection<Window> windows) {
            return logs.values().stream()
                    .filter(r -> windows.stream().anyMatch(w -> within(r.entry.time, w) || within(r.exit.time, w)))
                    .map(Row::row)
                    .toList();
        }

        private static boolean within(Instant time, Window w) {
            return time != null && !time.isBefore(w.from()) && !time.isAfter(w.to());
        }

        @Override
        public boolean holds(long bioTimeId, boolean manualLog) {
            return logs.values().stream()
                    .anyMatch(r -> Objects.equals(r.entry.transactionId, bioTimeId)
                            || Objects.equals(r.exit.transactionId, bioTimeId));
        }

        @Override
        public List<Claim> claim(List<Claim> claims, Instant at) {
            beforeClaim.run();
            List<Claim> claimed = claims.stream()
                    .filter(c -> Objects.equals(
                            c.readStartedAt(),
                            logs.get(c.punch().logId()).side(c.punch().direction()).startedAt))
                    .toList();
            claimed.forEach(c -> {
                Side side = logs.get(c.punch().logId()).side(c.punch().direction());
                side.startedAt = at;
                side.shift = c.shift();
            });
            return claimed;
        }

        @Override
        public void unmark(Collection<LogPunch> punches) {
            punches.forEach(p -> logs.get(p.logId()).side(p.direction()).startedAt = null);
        }

        @Override
        public List<Collision> writeIds(Map<LogPunch, Long> ids, boolean manualLogs) {
            List<Collision> collisions = new ArrayList<>();
            ids.forEach((p, id) -> {
                if (holds(id, manualLogs)) {
                    collisions.add(new Collision(p.logId(), id, "zkteco_transaction_id"));
                } else {
                    logs.get(p.logId()).side(p.direction()).transactionId = id;
                }
            });
            return collisions;
        }

        @Override
        public void markSynced(Collection<Long> ids) {
            ids.forEach(id -> {
                Row r = logs.get(id);
                r.synced = (r.entry.time == null || r.entry.transactionId != null)
                        && (r.exit.time == null || r.exit.transactionId != null);
                r.error = null;
            });
        }

        @Override
        public void recordErrors(Map<Long, String> errors) {
            errors.forEach((id, error) -> logs.get(id).error = error);
        }
    }

    /** A BioTime of one person: one punch a second, ids from 1. */
    private static final class BioTime implements PunchChannel {
        static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
        final Map<Instant, HeldPunch> stored = new LinkedHashMap<>();
        final List<String> sent = new ArrayList<>();
        final AtomicLong ids = new AtomicLong();
        RuntimeException fail;
        boolean storeEvenIfFailing;
        int asked;

        void hold(Instant second, int state, boolean ours) {
            stored.put(second, new HeldPunch(ids.incrementAndGet(), state, ours, true));
        }

        @Override
        public PushResult push(Punch punch) {
            if (fail != null && !storeEvenIfFailing) {
                return new PushResult.Failed(fail);
            }
            HeldPunch held = stored.get(punch.time());
            if (held != null) {
                return new PushResult.SecondTaken(Optional.of(held));
            }
            sent.add(punch.state() + "@" + HH_MM_SS.format(punch.time().atZone(ZoneOffset.UTC)));
            hold(punch.time(), punch.state(), true);
            return fail != null ? new PushResult.Failed(fail) : new PushResult.Stored(ids.get());
        }

        @Override
        public List<Optional<HeldPunch>> findAll(List<Punch> punches) {
            asked++;
            return punches.stream()
                    .map(p -> Optional.ofNullable(stored.get(p.time())))
                    .toList();
        }
    }
}
