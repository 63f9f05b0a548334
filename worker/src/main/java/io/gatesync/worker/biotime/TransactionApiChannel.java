package io.gatesync.worker.biotime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.gatesync.common.config.ZktecoProperties;

/**
 * {@code transaction-api}, the integration guide's channel: {@code POST /iclock/api/transactions/}, one punch per
 * request, marked with GateSync's terminal serial number so pulled-back punches can be told apart. BioTime
 * answers with the transaction, so its id comes back at once.
 */
public class TransactionApiChannel implements PunchChannel {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final PunchLookup lookup;
    private final ZktecoProperties settings;

    public TransactionApiChannel(BioTimeClient client, BioTimeClock clock, PunchLookup lookup,
            ZktecoProperties settings) {
        this.client = client;
        this.clock = clock;
        this.lookup = lookup;
        this.settings = settings;
    }

    @Override
    public long push(Punch punch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("emp_code", punch.empCode());
        body.put("punch_time", clock.format(punch.time()));
        body.put("punch_state", Integer.toString(punch.state()));
        body.put("verify_type", 0);
        body.put("terminal_sn", settings.terminalSn());
        body.put("terminal_alias", "GateSync");
        return client.createTransaction(body).id();
    }

    @Override
    public Optional<Long> find(Punch punch) {
        return lookup.find(punch);
    }
}
