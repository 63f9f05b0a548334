package io.gatesync.sim.personnel;

import java.util.Objects;

import io.gatesync.sim.IdStore;
import io.gatesync.sim.web.ApiException;

/**
 * Thread-safe store of one org-unit kind, in id order. Reads are lock-free; writes are serialised so the
 * code stays unique, as the real database's unique index keeps it.
 */
public abstract class OrgUnitStore<T extends OrgUnit> extends IdStore<T> {

    private final OrgUnitKind<T> kind;

    OrgUnitStore(OrgUnitKind<T> kind) {
        super(OrgUnit::id);
        this.kind = kind;
        resetToSeed();
    }

    OrgUnitKind<T> kind() {
        return kind;
    }

    /** Creates a unit with the next id. */
    public synchronized T create(String code, String name, Long parent) {
        requireFreeCode(code, 0);
        T unit = kind.factory().create(nextId(), code, name, parent);
        put(unit);
        return unit;
    }

    public synchronized T replace(long id, String code, String name, Long parent) {
        if (!exists(id)) {
            throw ApiException.notFound();
        }
        requireFreeCode(code, id);
        T unit = kind.factory().create(id, code, name, parent);
        put(unit);
        return unit;
    }

    public synchronized boolean delete(long id) {
        return remove(id) != null;
    }

    /** Back to a fresh install: only the seed (id 1), next id 2. */
    public synchronized void resetToSeed() {
        clearRows(kind.seed().id() + 1);
        put(kind.seed());
    }

    private void requireFreeCode(String code, long self) {
        boolean taken = rows().stream().anyMatch(u -> u.id() != self && Objects.equals(u.code(), code));
        if (taken) {
            // Django's unique-field text
            throw ApiException.badRequest(
                    kind.codeField(),
                    kind.label() + " with this " + kind.codeField().replace('_', ' ') + " already exists.");
        }
    }
}
