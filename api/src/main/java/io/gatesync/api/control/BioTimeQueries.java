package io.gatesync.api.control;

import java.time.Duration;
import java.time.Instant;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.UnprocessableException;
import io.gatesync.common.messaging.BioTimePage;
import io.gatesync.common.messaging.BioTimeQuery;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.messaging.ConnectionReport;
import io.gatesync.common.messaging.EmployeeRow;
import io.gatesync.common.messaging.QueryReply;
import io.gatesync.common.messaging.TransactionRow;

/**
 * Asks BioTime through a worker (RabbitMQ direct reply-to), so the api never calls BioTime itself and every
 * request passes the cluster's budget. A question no worker takes within the timeout expires in the queue. Each
 * answer is read as the record its question is answered with, so the api's JSON is the record's (camelCase).
 */
@Component
public class BioTimeQueries {

    private static final ParameterizedTypeReference<QueryReply<ConnectionReport>> CONNECTION =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<QueryReply<BioTimePage<EmployeeRow>>> EMPLOYEES =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<QueryReply<BioTimePage<TransactionRow>>> TRANSACTIONS =
            new ParameterizedTypeReference<>() {};

    private final RabbitTemplate rabbit;
    private final CommandTopology topology;
    private final Blocking blocking;
    private final Duration timeout;

    public BioTimeQueries(
            ConnectionFactory connections,
            MessageConverter json,
            CommandTopology topology,
            Blocking blocking,
            @Value("${gatesync.query-timeout:20s}") Duration timeout) {
        this.rabbit = new RabbitTemplate(connections);
        this.rabbit.setMessageConverter(json);
        this.rabbit.setReplyTimeout(timeout.toMillis());
        this.topology = topology;
        this.blocking = blocking;
        this.timeout = timeout;
    }

    public Mono<ConnectionReport> testConnection() {
        return ask(BioTimeQuery.testConnection(), CONNECTION);
    }

    public Mono<BioTimePage<EmployeeRow>> employees(int page, int size) {
        return ask(BioTimeQuery.employees(page, size), EMPLOYEES);
    }

    /** {@code empCode} null for everyone's punches. */
    public Mono<BioTimePage<TransactionRow>> transactions(
            Instant from, Instant to, String empCode, int page, int size) {
        return ask(BioTimeQuery.transactions(from, to, empCode, page, size), TRANSACTIONS);
    }

    /** The worker's answer's data; its failure as a problem with the worker's status. */
    private <T> Mono<T> ask(BioTimeQuery query, ParameterizedTypeReference<QueryReply<T>> answer) {
        return blocking.call(() -> {
            QueryReply<T> reply = rabbit.convertSendAndReceiveAsType(
                    "",
                    topology.rpcQueue(),
                    query,
                    message -> {
                        message.getMessageProperties().setExpiration(Long.toString(timeout.toMillis()));
                        message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
                        return message;
                    },
                    answer);
            if (reply == null) {
                throw new UnprocessableException(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "No worker answered",
                        "query",
                        "no worker answered within " + timeout.toSeconds() + " s; check that workers are running");
            }
            if (reply.status() != 200) {
                throw new UnprocessableException(
                        HttpStatus.valueOf(reply.status()), "BioTime query failed", "query", reply.error());
            }
            return reply.data();
        });
    }
}
