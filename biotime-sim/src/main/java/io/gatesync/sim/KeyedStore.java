package io.gatesync.sim;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * An {@link IdStore} with an index by a unique key (an employee's emp_code, a terminal's serial number), kept in step
 * with the rows. The store checks a key is free before it writes.
 */
public abstract class KeyedStore<T> extends IdStore<T> {

    private final ConcurrentHashMap<String, Long> idByKey = new ConcurrentHashMap<>();
    private final ToLongFunction<T> id;
    private final Function<T, String> key;

    protected KeyedStore(ToLongFunction<T> id, Function<T, String> key) {
        super(id);
        this.id = id;
        this.key = key;
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

    /** Also moves the row's index entry when its key changed. */
    @Override
    protected T put(T row) {
        T old = super.put(row);
        if (old != null && !key.apply(old).equals(key.apply(row))) {
            idByKey.remove(key.apply(old), id.applyAsLong(old));
        }
        idByKey.put(key.apply(row), id.applyAsLong(row));
        return old;
    }

    @Override
    protected T remove(long rowId) {
        T old = super.remove(rowId);
        if (old != null) {
            idByKey.remove(key.apply(old), rowId);
        }
        return old;
    }

    @Override
    protected void clearRows(long firstId) {
        super.clearRows(firstId);
        idByKey.clear();
    }
}
