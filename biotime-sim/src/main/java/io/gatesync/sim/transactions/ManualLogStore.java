package io.gatesync.sim.transactions;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** Manual logs, their own id sequence (a separate table on the real server). */
@Component
public class ManualLogStore {

    private final ConcurrentSkipListMap<Long, ManualLog> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    long nextId() {
        return nextId.getAndIncrement();
    }

    void put(ManualLog log) {
        byId.put(log.id(), log);
    }

    public List<ManualLog> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }

    public void clear() {
        byId.clear();
        nextId.set(1);
    }
}
