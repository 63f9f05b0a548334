package io.gatesync.common.messaging;

import java.util.Map;

/**
 * A question the api asks BioTime through a worker (so it passes the cluster's rate budget), answered over
 * RabbitMQ's direct reply-to with a {@link QueryReply}: {@code test-connection}, {@code employees}
 * (params page, size) or {@code transactions} (params from, to as ISO-8601 instants, empCode, page, size).
 */
public record BioTimeQuery(String query, Map<String, String> params) {

    public static final String TEST_CONNECTION = "test-connection";
    public static final String EMPLOYEES = "employees";
    public static final String TRANSACTIONS = "transactions";
}
