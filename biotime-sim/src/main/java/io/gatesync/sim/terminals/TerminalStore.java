package io.gatesync.sim.terminals;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.gatesync.sim.personnel.Area;

/** Terminals by id, with an index by serial number (unique, as on the real table). Writes are serialised. */
@Component
public class TerminalStore {

    /** The lineage's ADMS server registers only serials of 6 characters or more (ZKECO devview.py). */
    static final int AUTO_ADD_MIN_SN = 6;

    static final String AUTO_ADD_ALIAS = "Auto add";

    private final ConcurrentSkipListMap<Long, Terminal> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Long> idBySn = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Clock clock;

    public TerminalStore(Clock clock) {
        this.clock = clock;
    }

    public List<Terminal> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Terminal> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean exists(long id) {
        return byId.containsKey(id);
    }

    public Optional<Terminal> bySn(String sn) {
        Long id = sn == null ? null : idBySn.get(sn);
        return id == null ? Optional.empty() : get(id);
    }

    /** Stores a new terminal, or empty when its serial number is taken. */
    synchronized Optional<Terminal> insert(Terminal t) {
        if (idBySn.containsKey(t.sn())) {
            return Optional.empty();
        }
        Terminal stored = t.withId(nextId.getAndIncrement());
        byId.put(stored.id(), stored);
        idBySn.put(stored.sn(), stored.id());
        return Optional.of(stored);
    }

    /** Replaces a terminal, or empty when its (changed) serial number belongs to another one. */
    synchronized Optional<Terminal> replace(Terminal t) {
        Long holder = idBySn.get(t.sn());
        if (holder != null && holder != t.id()) {
            return Optional.empty();
        }
        Terminal old = byId.put(t.id(), t);
        if (old != null && !old.sn().equals(t.sn())) {
            idBySn.remove(old.sn(), old.id());
        }
        idBySn.put(t.sn(), t.id());
        return Optional.of(t);
    }

    synchronized boolean delete(long id) {
        Terminal old = byId.remove(id);
        if (old != null) {
            idBySn.remove(old.sn(), id);
        }
        return old != null;
    }

    /**
     * A terminal speaking ADMS: its last activity is now; an unknown serial number of at least six characters adds
     * itself as "Auto add" in the Not Authorized area (a shorter one is not registered: empty).
     */
    public synchronized Optional<Terminal> heard(String sn, String ipAddress) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Optional<Terminal> known = bySn(sn);
        if (known.isPresent()) {
            Terminal seen = known.get().seenAt(now);
            byId.put(seen.id(), seen);
            return Optional.of(seen);
        }
        if (sn.length() < AUTO_ADD_MIN_SN) {
            return Optional.empty();
        }
        return insert(new Terminal(0, sn, AUTO_ADD_ALIAS, ipAddress, 8, Area.NOT_AUTHORIZED, now));
    }

    /** The terminal spoke at {@code at} (now when null), as {@link #heard} records it. */
    public synchronized Optional<Terminal> seen(String sn, LocalDateTime at) {
        Optional<Terminal> heard = heard(sn, null);
        return heard.map(t -> {
            Terminal seen = t.seenAt(at == null ? t.lastActivity() : at);
            byId.put(seen.id(), seen);
            return seen;
        });
    }

    /** An admin moves a terminal to an area. */
    public synchronized Optional<Terminal> assign(String sn, long areaId) {
        return bySn(sn).map(t -> {
            Terminal moved =
                    new Terminal(t.id(), t.sn(), t.alias(), t.ipAddress(), t.terminalTz(), areaId, t.lastActivity());
            byId.put(moved.id(), moved);
            return moved;
        });
    }

    public synchronized void clear() {
        byId.clear();
        idBySn.clear();
        nextId.set(1);
    }
}
