package io.gatesync.worker.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.BioTimeQuery;
import io.gatesync.common.messaging.QueryReply;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.CircuitBreaker;
import io.gatesync.worker.biotime.ConnectionCheck;
import io.gatesync.worker.biotime.ListPage;
import io.gatesync.worker.biotime.Transaction;

/**
 * Answers the api's BioTime queries through this worker's client, so they pass the same gate (budget, circuit
 * breaker) as every sync. Not paused during outages: while the circuit is open the answer says so at once.
 */
@Component
class QueryListener {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final ConnectionCheck check;
    private final CircuitBreaker breaker;

    QueryListener(BioTimeClient client, BioTimeClock clock, ConnectionCheck check, CircuitBreaker breaker) {
        this.client = client;
        this.clock = clock;
        this.check = check;
        this.breaker = breaker;
    }

    // two per worker: dashboard queries are few, and every worker answers them
    @RabbitListener(id = "rpc", concurrency = "2", queues = "#{@commandTopology.rpcQueue()}")
    QueryReply answer(BioTimeQuery query) {
        try {
            return switch (query.query()) {
                case BioTimeQuery.TEST_CONNECTION -> testConnection();
                case BioTimeQuery.EMPLOYEES -> employees(query.params());
                case BioTimeQuery.TRANSACTIONS -> transactions(query.params());
                default -> QueryReply.failed(400, "Unknown query " + query.query());
            };
        } catch (BioTimeException e) {
            return QueryReply.failed(e.retryable() ? 503 : 502, e.getMessage());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return QueryReply.failed(400, e.getMessage());
        }
    }

    private QueryReply testConnection() {
        ConnectionCheck.Report report = check.check();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", report.ok());
        data.put("latencyMs", report.latencyMs());
        data.put("problems", report.problems());
        data.put("warnings", report.warnings());
        data.put("terminal", report.terminal());
        data.put("pendingApprovals", report.pendingApprovals());
        data.put("checkedAt", report.checkedAt().toString());
        data.put("circuit", breaker.state().name());
        return QueryReply.ok(data);
    }

    private QueryReply employees(Map<String, String> params) {
        int page = number(params, "page", 1);
        int size = number(params, "size", 50);
        return QueryReply.ok(pageOf(client.employees(page, size), page, size));
    }

    private QueryReply transactions(Map<String, String> params) {
        int page = number(params, "page", 1);
        int size = number(params, "size", 50);
        String from = clock.format(Instant.parse(params.get("from")));
        String to = clock.format(Instant.parse(params.get("to")));
        ListPage<Transaction> rows = client.transactions(params.get("empCode"), null, from, to, page, size);
        return QueryReply.ok(pageOf(rows, page, size));
    }

    private static Map<String, Object> pageOf(ListPage<?> rows, int page, int size) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("count", rows.count());
        data.put("page", page);
        data.put("size", size);
        data.put("items", rows.items());
        return data;
    }

    private static int number(Map<String, String> params, String name, int fallback) {
        String value = params.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
