package io.gatesync.sim.terminals;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.gatesync.sim.KeyedStore;
import io.gatesync.sim.personnel.Area;

/** Terminals by id, with an index by serial number (unique, as on the real table). Writes are serialised. */
@Component
public class TerminalStore extends KeyedStore<Terminal> {

    /** The lineage's ADMS server registers only serials of 6 characters or more (ZKECO devview.py). */
    static final int AUTO_ADD_MIN_SN = 6;

    static final String AUTO_ADD_ALIAS = "Auto add";

    private final Clock clock;

    public TerminalStore(Clock clock) {
        super(Terminal::id, Terminal::sn);
        this.clock = clock;
    }

    public Optional<Terminal> bySn(String sn) {
        return byKey(sn);
    }

    /** Stores a new terminal, or empty when its serial number is taken. */
    synchronized Optional<Terminal> insert(Terminal t) {
        if (holder(t.sn()) != null) {
            return Optional.empty();
        }
        Terminal stored = t.withId(nextId());
        put(stored);
        return Optional.of(stored);
    }

    /** Replaces a terminal, or empty when its (changed) serial number belongs to another one. */
    synchronized Optional<Terminal> replace(Terminal t) {
        Long holder = holder(t.sn());
        if (holder != null && holder != t.id()) {
            return Optional.empty();
        }
        put(t);
        return Optional.of(t);
    }

    synchronized boolean delete(long id) {
        return remove(id) != null;
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
            put(seen);
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
            put(seen);
            return seen;
        });
    }

    /** An admin moves a terminal to an area. */
    public synchronized Optional<Terminal> assign(String sn, long areaId) {
        return bySn(sn).map(t -> {
            Terminal moved =
                    new Terminal(t.id(), t.sn(), t.alias(), t.ipAddress(), t.terminalTz(), areaId, t.lastActivity());
            put(moved);
            return moved;
        });
    }

    public synchronized void clear() {
        clearRows(1);
    }
}
