package io.gatesync.worker.biotime;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatesync.common.config.ZktecoProperties;

/**
 * GateSync's own terminal in BioTime (serial ZKTECO_TERMINAL_SN): the terminal its punches carry. Found by serial
 * number, or created in ZKTECO_TERMINAL_AREA (else the default area) when missing, and re-read at most every
 * {@link #RECHECK}, so an admin's change in BioTime (a new area) is seen within that.
 * <p>
 * A real BioTime adds a terminal that uploads without being known as "Auto add" in its "Not Authorized" pseudo-area,
 * and keeps nothing such a terminal uploads: the adms channel does not run while GateSync's terminal sits there
 * ({@link #requireAuthorized}); an admin assigns it an area in BioTime.
 */
public class GateSyncTerminal {

    private static final Logger log = LoggerFactory.getLogger(GateSyncTerminal.class);
    static final Duration RECHECK = Duration.ofSeconds(30);
    static final String ALIAS = "GateSync";

    private record Seen(Terminal terminal, Instant at) {}

    private final BioTimeClient client;
    private final ZktecoProperties settings;
    private volatile Seen seen;

    public GateSyncTerminal(BioTimeClient client, ZktecoProperties settings) {
        this.client = client;
        this.settings = settings;
    }

    public String sn() {
        return settings.terminalSn();
    }

    /**
     * The terminal as last read, re-read when older than {@link #RECHECK}; created if BioTime has none. When the
     * re-read fails (BioTime slow or away) the last reading stands: it was true a moment ago, and the punches that
     * need it fail on their own if BioTime is really down.
     */
    public Terminal current() {
        Terminal fresh = fresh();
        if (fresh != null) {
            return fresh;
        }
        synchronized (this) {
            fresh = fresh(); // read by a thread that held the lock first: one request for all of them
            if (fresh != null) {
                return fresh;
            }
            try {
                return refresh();
            } catch (BioTimeException e) {
                Seen last = seen;
                if (last == null) {
                    throw e;
                }
                log.debug("Could not read terminal {} again ({}); the last reading stands", sn(), e.getMessage());
                return last.terminal();
            }
        }
    }

    private Terminal fresh() {
        Seen last = seen;
        return last != null && last.at().plus(RECHECK).isAfter(Instant.now()) ? last.terminal() : null;
    }

    /** Reads the terminal now (creating it if missing). */
    public synchronized Terminal refresh() {
        Terminal terminal = client.findTerminal(sn()).orElseGet(this::create);
        seen = new Seen(terminal, Instant.now());
        return terminal;
    }

    /**
     * Throws a set-up error (commands wait, not counted) while the terminal is in BioTime's Not Authorized
     * pseudo-area: BioTime would answer an upload but keep none of its punches.
     */
    public void requireAuthorized() {
        Terminal terminal = current();
        if (!terminal.authorized()) {
            throw BioTimeException.setUpNeeded(notAuthorized(terminal));
        }
    }

    /** The one line that says what is wrong and how to fix it. */
    public String notAuthorized(Terminal terminal) {
        return "Terminal " + sn() + " (id " + terminal.id() + ") is in BioTime's area \"" + terminal.areaLabel()
                + "\": BioTime keeps nothing it uploads, so the adms channel waits. Assign it an area in BioTime "
                + "(Device > Terminal; best one with no employees), or delete it there and set ZKTECO_TERMINAL_AREA "
                + "so that GateSync creates it in that area.";
    }

    private Terminal create() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sn", sn());
        body.put("alias", ALIAS);
        body.put("ip_address", "127.0.0.1");
        body.put("terminal_tz", hoursEastOfUtc(settings.timezone()));
        body.put("area", settings.terminalAreaOrDefault());
        try {
            Terminal created = client.createTerminal(body);
            log.info(
                    "Created GateSync's terminal {} in BioTime area {} (id {})",
                    sn(),
                    settings.terminalAreaOrDefault(),
                    created.id());
            return created;
        } catch (BioTimeException e) {
            if (e.status() == 400 && e.body() != null && e.body().contains("\"sn\"")) {
                // another worker created it meanwhile
                return client.findTerminal(sn()).orElseThrow(() -> e);
            }
            if (e.status() == 400 && e.body() != null && e.body().contains("\"area\"")) {
                throw BioTimeException.permanent(
                        "Area not found: BioTime has no area with id "
                                + settings.terminalAreaOrDefault() + " for GateSync's terminal ("
                                + (settings.terminalArea() != null ? "ZKTECO_TERMINAL_AREA" : "ZKTECO_DEFAULT_AREA")
                                + ")",
                        e.status(),
                        e.body());
            }
            throw e;
        }
    }

    /** BioTime's terminal_tz: whole hours east of UTC, as terminals report it. */
    static int hoursEastOfUtc(ZoneId zone) {
        return Math.round(zone.getRules().getOffset(Instant.now()).getTotalSeconds() / 3600f);
    }
}
