package io.gatesync.sim.transactions;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * Thread-safe, lock-free punch store in id order, with the real table's unique key on (emp_code, punch_time): a
 * second punch of one person in one second is refused whatever its state (8.x dumps:
 * {@code UNIQUE KEY iclock_transaction_emp_code_punch_time_…_uniq}). A refused insert still uses up its id, as
 * MySQL's auto-increment does.
 */
@Component
public class TransactionStore {

    private final ConcurrentSkipListMap<Long, Transaction> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Long> idByKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong refused = new AtomicLong();
    /** Moves on every change: a list read cached under an older version is stale. */
    private final AtomicLong version = new AtomicLong();

    private final Clock clock;

    public TransactionStore(Clock clock) {
        this.clock = clock;
    }

    /** Stores the punch, or answers empty when the person already has a punch in that second. */
    public Optional<Transaction> add(NewPunch p) {
        Transaction t = new Transaction(
                nextId.getAndIncrement(),
                p.empCode(),
                p.emp(),
                p.punchTime(),
                p.punchState(),
                p.verifyType(),
                p.workCode() == null ? "" : p.workCode(),
                p.terminalId(),
                p.terminalSn() == null ? "" : p.terminalSn(),
                p.terminalAlias(),
                p.areaAlias(),
                p.uploadTime() != null
                        ? p.uploadTime()
                        : LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS),
                p.source());
        if (idByKey.putIfAbsent(t.uniqueKey(), t.id()) != null) {
            refused.incrementAndGet();
            return Optional.empty();
        }
        byId.put(t.id(), t);
        version.incrementAndGet();
        return Optional.of(t);
    }

    /** The punch of this person in this second, if any. */
    public Optional<Transaction> at(String empCode, LocalDateTime punchTime) {
        Long id = idByKey.get(Transaction.key(empCode, punchTime));
        return id == null ? Optional.empty() : get(id);
    }

    public List<Transaction> all() {
        return List.copyOf(byId.values());
    }

    /** The punches in id order, without a copy (weakly consistent while punches are added). */
    public Stream<Transaction> stream() {
        return byId.values().stream();
    }

    /** A number that changes whenever a punch is added or removed. */
    public long version() {
        return version.get();
    }

    public Optional<Transaction> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean delete(long id) {
        Transaction old = byId.remove(id);
        if (old != null) {
            idByKey.remove(old.uniqueKey(), id);
            version.incrementAndGet();
        }
        return old != null;
    }

    public int size() {
        return byId.size();
    }

    /**
     * BioTime restored from a backup taken when the highest id was {@code keepUpTo}: later punches are gone and ids
     * are given again from {@code keepUpTo + 1}, so ids a client has seen come back holding other punches. Answers
     * how many punches went.
     */
    public synchronized int restore(long keepUpTo) {
        List<Transaction> gone = List.copyOf(byId.tailMap(keepUpTo, false).values());
        gone.forEach(t -> delete(t.id()));
        nextId.set(keepUpTo + 1);
        return gone.size();
    }

    /** Punches the unique key refused since the last clear: a client that never sends a punch twice causes none. */
    public long refusedByKey() {
        return refused.get();
    }

    public void clear() {
        byId.clear();
        idByKey.clear();
        nextId.set(1);
        refused.set(0);
        version.incrementAndGet();
    }
}
