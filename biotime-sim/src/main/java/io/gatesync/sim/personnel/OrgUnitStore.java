package io.gatesync.sim.personnel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import io.gatesync.sim.web.ApiException;

/**
 * Thread-safe store of one org-unit kind, in id order. Reads are lock-free; writes are serialised so the
 * code stays unique, as the real database's unique index keeps it.
 */
public abstract class OrgUnitStore<T extends OrgUnit> {

    private final OrgUnitKind<T> kind;
    private final ConcurrentSkipListMap<Long, T> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong();

    OrgUnitStore(OrgUnitKind<T> kind) {
        this.kind = kind;
        resetToSeed();
    }

    OrgUnitKind<T> kind() {
        return kind;
    }

    public List<T> all() {
        return List.copyOf(byId.values());
    }

    public Optional<T> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean exists(long id) {
        return byId.containsKey(id);
    }

    public int size() {
        return byId.size();
    }

    /** Creates a unit with the next id. */
    public synchronized T create(String code, String name, Long parent) {
        requireFreeCode(code, 0);
        long id = nextId.getAndIncrement();
        T unit = kind.factory().create(id, code, name, parent);
        byId.put(id, unit);
        return unit;
    }

    public synchronized T replace(long id, String code, String name, Long parent) {
        if (!byId.containsKey(id)) {
            throw ApiException.notFound();
        }
        requireFreeCode(code, id);
        T unit = kind.factory().create(id, code, name, parent);
        byId.put(id, unit);
        return unit;
    }

    public synchronized boolean delete(long id) {
        return byId.remove(id) != null;
    }

    /** Back to a fresh install: only the seed (id 1), next id 2. */
    public synchronized void resetToSeed() {
        byId.clear();
        byId.put(kind.seed().id(), kind.seed());
        nextId.set(kind.seed().id() + 1);
    }

    private void requireFreeCode(String code, long self) {
        boolean taken = byId.values().stream().anyMatch(u -> u.id() != self && Objects.equals(u.code(), code));
        if (taken) {
            // Django's unique-field text
            throw ApiException.badRequest(
                    kind.codeField(),
                    kind.label() + " with this " + kind.codeField().replace('_', ' ') + " already exists.");
        }
    }
}
