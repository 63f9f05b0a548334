package io.gatesync.worker.biotime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatesync.common.config.ZktecoProperties;

/**
 * {@code transaction-api}, the integration guide's channel: {@code POST /iclock/api/transactions/}, one punch per
 * request, written as a terminal's row would be (real rows carry {@code emp} and {@code terminal} foreign keys,
 * {@code source}, {@code purpose} and an upload time): {@code emp} links it to the employee, without which BioTime's
 * reports (they join on it) would not count it; {@code terminal} is GateSync's own terminal, so pulled-back punches
 * are recognised. The row BioTime answers is checked: one stored without an employee is deleted and reported as a
 * permanent error naming the fix, never taken for a success.
 */
public class TransactionApiChannel implements PunchChannel {

    private static final Logger log = LoggerFactory.getLogger(TransactionApiChannel.class);

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final PunchLookup lookup;
    private final GateSyncTerminal terminal;
    private final ZktecoProperties settings;

    public TransactionApiChannel(
            BioTimeClient client,
            BioTimeClock clock,
            PunchLookup lookup,
            GateSyncTerminal terminal,
            ZktecoProperties settings) {
        this.client = client;
        this.clock = clock;
        this.lookup = lookup;
        this.terminal = terminal;
        this.settings = settings;
    }

    @Override
    public PushResult push(Punch punch) {
        long terminalId;
        try {
            terminalId = terminal.current().id();
        } catch (BioTimeException e) {
            return new PushResult.Failed(e.beforeSending());
        }
        Transaction stored;
        try {
            stored = client.createTransaction(body(punch, terminalId));
        } catch (BioTimeException e) {
            if (e.status() == 400 && e.body() != null && e.body().contains("non_field_errors")) {
                // DRF's unique-together refusal: the person has a punch in this second already
                return new PushResult.SecondTaken(lookup.find(punch));
            }
            if (e.status() == 405) {
                return new PushResult.Failed(BioTimeException.permanent(
                        "BioTime does not accept POST on "
                                + "/iclock/api/transactions/ (405): this build has no way in there. Set "
                                + "ZKTECO_PUNCH_CHANNEL=adms (or manual-log), then replay",
                        405,
                        e.body()));
            }
            return new PushResult.Failed(e);
        } catch (RuntimeException e) {
            return new PushResult.Failed(e);
        }
        return checked(punch, stored);
    }

    private Map<String, Object> body(Punch punch, long terminalId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("emp_code", punch.empCode());
        body.put("emp", punch.employeeId());
        body.put("punch_time", clock.format(punch.time()));
        body.put("punch_state", Integer.toString(punch.state()));
        body.put("verify_type", settings.verifyType());
        body.put("terminal", terminalId);
        body.put("terminal_sn", terminal.sn());
        body.put("terminal_alias", GateSyncTerminal.ALIAS);
        body.put("upload_time", clock.format(Instant.now()));
        body.put("source", settings.punchSource());
        body.put("purpose", settings.punchPurpose());
        return body;
    }

    /**
     * The stored row must be linked to its employee. BioTime's answer shows the row as saved; a build whose answer
     * leaves {@code emp} out is asked for the row once; one that never shows it cannot be checked (logged).
     */
    private PushResult checked(Punch punch, Transaction stored) {
        Optional<Boolean> linked = stored.linked();
        if (linked.isEmpty()) {
            linked = client.transaction(stored.id()).linked();
        }
        if (linked.isEmpty()) {
            log.debug("BioTime does not show whether transaction {} is linked to its employee", stored.id());
            return new PushResult.Stored(stored.id());
        }
        if (!linked.get()) {
            return new PushResult.Failed(unlinked(punch, stored.id()));
        }
        return new PushResult.Stored(stored.id());
    }

    /** Deletes the unlinked row (it counts for nothing and holds the person's second) and says what to do. */
    private BioTimeException unlinked(Punch punch, long id) {
        client.deleteTransaction(id);
        return BioTimeException.permanent(
                "BioTime stored the punch of " + punch.empCode() + " at "
                        + clock.format(punch.time()) + " as transaction " + id + " without linking it to employee "
                        + punch.employeeId()
                        + " (emp is null), so no attendance report would count it; GateSync deleted it. "
                        + "This BioTime does not link posted punches: set ZKTECO_PUNCH_CHANNEL=adms (or manual-log), then "
                        + "replay",
                0,
                null);
    }

    /**
     * What BioTime holds in each punch's second. A row GateSync itself left unlinked there (an earlier push whose
     * answer was lost) is deleted and reported: sending again would only make another.
     */
    @Override
    public List<Optional<HeldPunch>> findAll(List<Punch> punches) {
        List<Optional<HeldPunch>> found = new ArrayList<>(punches.size());
        for (Punch punch : punches) {
            Optional<HeldPunch> held = lookup.find(punch);
            if (held.isPresent()
                    && held.get().fromOurTerminal()
                    && held.get().sameState(punch)
                    && Boolean.FALSE.equals(held.get().linked())) {
                throw unlinked(punch, held.get().id());
            }
            found.add(held);
        }
        return found;
    }
}
