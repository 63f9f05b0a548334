package io.gatesync.sim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A table's rows by id, in id order, with an index by a unique key (an employee's emp_code, a terminal's serial
 * number). Reads are lock-free; the store serialises its writes and checks a key is free before it writes.
 */
public abstract class KeyedStore<T> {

    private final ConcurrentSkipListMap<Long, T> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Long> idByKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ToLongFunction<T> id;
    private final Function<T, String> key;

    protected KeyedStore(ToLongFunction<T> id, Function<T, String> key) {
        this.id = id;
        this.key = key;
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

    /** Exact key lookup. */
    protected Optional<T> byKey(String k) {
        Long rowId = k == null ? null : idByKey.get(k);
        return rowId == null ? Optional.empty() : get(rowId);
    }

    /** The id of the row holding key {@code k}, or null. */
    protected Long holder(String k) {
        return idByKey.get(k);
    }

    protected long nextId() {
        return nextId.getAndIncrement();
    }

    /** Stores {@code row} under its id, new or replacing, and moves its index entry if its key changed. */
    protected void put(T row) {
        T old = byId.put(id.applyAsLong(row), row);
        if (old != null && !key.apply(old).equals(key.apply(row))) {
            idByKey.remove(key.apply(old), id.applyAsLong(old));
        }
        idByKey.put(key.apply(row), id.applyAsLong(row));
    }

    /** Removes the row with this id; false when there was none. */
    protected boolean remove(long rowId) {
        T old = byId.remove(rowId);
        if (old != null) {
            idByKey.remove(key.apply(old), rowId);
        }
        return old != null;
    }

    /** Empties the table; ids start again at 1. */
    protected void clearRows() {
        byId.clear();
        idByKey.clear();
        nextId.set(1);
    }
}
