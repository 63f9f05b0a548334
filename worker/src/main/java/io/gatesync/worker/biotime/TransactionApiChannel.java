package io.gatesync.worker.biotime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.gatesync.common.config.ZktecoProperties;

/**
 * The integration guide's channel: {@code POST /iclock/api/transactions/}, one punch per request, marked with
 * GateSync's terminal serial number so pulled-back punches can be told apart.
 */
public class TransactionApiChannel implements PunchChannel {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final ZktecoProperties settings;

    public TransactionApiChannel(BioTimeClient client, BioTimeClock clock, ZktecoProperties settings) {
        this.client = client;
        this.clock = clock;
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
        String time = clock.format(punch.time());
        return client.findTransactions(punch.empCode(), time, time).stream()
                .filter(t -> time.equals(t.punchTime()) && Integer.toString(punch.state()).equals(t.punchState()))
                .map(Transaction::id)
                .findFirst();
    }
}
