package io.gatesync.sim.transactions;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** Thread-safe, lock-free punch store in id order. No dedupe: the same punch posted twice is two rows, as on the real server. */
@Component
public class TransactionStore {

    private final ConcurrentSkipListMap<Long, Transaction> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Clock clock;

    public TransactionStore(Clock clock) {
        this.clock = clock;
    }

    public Transaction add(NewPunch p) {
        Transaction t = new Transaction(nextId.getAndIncrement(), p.empCode(), p.punchTime(), p.punchState(),
                p.verifyType(), p.workCode() == null ? "" : p.workCode(), p.terminalSn() == null ? "" : p.terminalSn(),
                p.terminalAlias(), LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS), p.source());
        byId.put(t.id(), t);
        return t;
    }

    public List<Transaction> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Transaction> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean delete(long id) {
        return byId.remove(id) != null;
    }

    public int size() {
        return byId.size();
    }

    public void clear() {
        byId.clear();
        nextId.set(1);
    }
}
