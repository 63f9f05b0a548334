package io.gatesync.worker.query;

import java.time.format.DateTimeParseException;
import java.util.function.Function;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.BioTimePage;
import io.gatesync.common.messaging.BioTimeQuery;
import io.gatesync.common.messaging.EmployeeRow;
import io.gatesync.common.messaging.QueryReply;
import io.gatesync.common.messaging.TransactionRow;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.ConnectionCheck;
import io.gatesync.worker.biotime.Employee;
import io.gatesync.worker.biotime.ListPage;
import io.gatesync.worker.biotime.Transaction;

/**
 * Answers the api's BioTime queries through this worker's client, so they pass the same gate (budget, circuit
 * breaker) as every sync. Not paused during outages: while the circuit is open the answer says so at once. BioTime's
 * rows become the contract's records here, the one place that knows both.
 */
@Component
class QueryListener {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final ConnectionCheck check;

    QueryListener(BioTimeClient client, BioTimeClock clock, ConnectionCheck check) {
        this.client = client;
        this.clock = clock;
        this.check = check;
    }

    // two per worker: dashboard queries are few, and every worker answers them
    @RabbitListener(id = "rpc", concurrency = "2", queues = "#{@commandTopology.rpcQueue()}")
    QueryReply<?> answer(BioTimeQuery query) {
        try {
            return switch (query.query()) {
                case BioTimeQuery.TEST_CONNECTION -> QueryReply.ok(check.check());
                case BioTimeQuery.EMPLOYEES -> QueryReply.ok(employees(query));
                case BioTimeQuery.TRANSACTIONS -> QueryReply.ok(transactions(query));
                default -> QueryReply.failed(400, "Unknown query " + query.query());
            };
        } catch (BioTimeException e) {
            return QueryReply.failed(e.retryable() ? 503 : 502, e.getMessage());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return QueryReply.failed(400, e.getMessage());
        }
    }

    private BioTimePage<EmployeeRow> employees(BioTimeQuery query) {
        return pageOf(client.employees(query.page(), query.size()), query, QueryListener::row);
    }

    private BioTimePage<TransactionRow> transactions(BioTimeQuery query) {
        ListPage<Transaction> rows = client.transactions(
                query.empCode(),
                null,
                clock.format(query.from()),
                clock.format(query.to()),
                query.page(),
                query.size());
        return pageOf(rows, query, QueryListener::row);
    }

    /** Without a count from BioTime (no build seen so far), at least the rows up to this page. */
    private static <B, R> BioTimePage<R> pageOf(ListPage<B> rows, BioTimeQuery query, Function<B, R> row) {
        long count = rows.count() != null
                ? rows.count()
                : (long) (query.page() - 1) * query.size() + rows.items().size();
        return new BioTimePage<>(
                count,
                query.page(),
                query.size(),
                rows.items().stream().map(row).toList());
    }

    private static EmployeeRow row(Employee e) {
        return new EmployeeRow(e.id(), e.empCode(), e.firstName(), e.lastName(), e.mobile(), e.email(), e.enableAtt());
    }

    private static TransactionRow row(Transaction t) {
        return new TransactionRow(
                t.id(), t.empCode(), t.punchTime(), t.punchState(), t.terminalSn(), t.terminalAlias(), t.uploadTime());
    }
}
