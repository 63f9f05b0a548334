package io.gatesync.sim;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/** A table's rows by id, in id order, ids handed out in sequence. Reads are lock-free; the store serialises writes. */
public abstract class IdStore<T> {

    private final ConcurrentSkipListMap<Long, T> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ToLongFunction<T> id;

    protected IdStore(ToLongFunction<T> id) {
        this.id = id;
    }

    public List<T> all() {
        return List.copyOf(byId.values());
    }

    public Optional<T> get(long rowId) {
        return Optional.ofNullable(byId.get(rowId));
    }

    public boolean exists(long rowId) {
        return byId.containsKey(rowId);
    }

    public int size() {
        return byId.size();
    }

    /** A live view of the rows, in id order. */
    protected Collection<T> rows() {
        return byId.values();
    }

    protected long nextId() {
        return nextId.getAndIncrement();
    }

    /** Stores {@code row} under its id, new or replacing; returns the row it replaced, or null. */
    protected T put(T row) {
        return byId.put(id.applyAsLong(row), row);
    }

    /** Removes the row with this id; returns it, or null when there was none. */
    protected T remove(long rowId) {
        return byId.remove(rowId);
    }

    /** Empties the table; the next id handed out is {@code firstId}. */
    protected void clearRows(long firstId) {
        byId.clear();
        nextId.set(firstId);
    }
}
