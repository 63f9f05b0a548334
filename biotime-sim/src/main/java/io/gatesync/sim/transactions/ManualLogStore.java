package io.gatesync.sim.transactions;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** Manual logs, their own id sequence (a separate table on the real server), one per employee and second. */
@Component
public class ManualLogStore {

    private final ConcurrentSkipListMap<Long, ManualLog> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Long> idByKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong duplicates = new AtomicLong();

    long nextId() {
        return nextId.getAndIncrement();
    }

    /** Stores a new manual log, or answers the one this employee already has in that second. */
    Optional<ManualLog> insert(ManualLog log) {
        Long existing = idByKey.putIfAbsent(log.uniqueKey(), log.id());
        if (existing != null) {
            duplicates.incrementAndGet();
            return Optional.ofNullable(byId.get(existing));
        }
        byId.put(log.id(), log);
        return Optional.empty();
    }

    void replace(ManualLog log) {
        byId.put(log.id(), log);
    }

    public Optional<ManualLog> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<ManualLog> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }

    /** Manual logs refused as duplicates since the last clear. */
    public long duplicatesRefused() {
        return duplicates.get();
    }

    public void clear() {
        byId.clear();
        idByKey.clear();
        nextId.set(1);
        duplicates.set(0);
    }
}
