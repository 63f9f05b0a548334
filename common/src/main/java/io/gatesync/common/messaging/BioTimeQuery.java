package io.gatesync.common.messaging;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A question the api asks BioTime through a worker (so it passes the cluster's rate budget), answered over
 * RabbitMQ's direct reply-to with a {@link QueryReply}. The api builds one with a factory and the worker reads its
 * parameters with the accessors, so the parameter names are written here only; on the wire they stay strings in
 * {@code params}, as they were before the factories.
 */
public record BioTimeQuery(String query, Map<String, String> params) {

    public static final String TEST_CONNECTION = "test-connection";
    public static final String EMPLOYEES = "employees";
    public static final String TRANSACTIONS = "transactions";

    public BioTimeQuery {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** Answered with a {@link ConnectionReport}. */
    public static BioTimeQuery testConnection() {
        return new BioTimeQuery(TEST_CONNECTION, Map.of());
    }

    /** Answered with a {@link BioTimePage} of {@link EmployeeRow}s. */
    public static BioTimeQuery employees(int page, int size) {
        return new BioTimeQuery(EMPLOYEES, paging(page, size));
    }

    /** Answered with a {@link BioTimePage} of {@link TransactionRow}s; {@code empCode} null for everyone's. */
    public static BioTimeQuery transactions(Instant from, Instant to, String empCode, int page, int size) {
        Map<String, String> params = paging(page, size);
        params.put("from", from.toString());
        params.put("to", to.toString());
        if (empCode != null) {
            params.put("empCode", empCode);
        }
        return new BioTimeQuery(TRANSACTIONS, params);
    }

    /** The page asked for, from 1; 1 if not given. */
    public int page() {
        return number("page", 1);
    }

    public int size() {
        return number("size", 50);
    }

    public Instant from() {
        return Instant.parse(required("from"));
    }

    public Instant to() {
        return Instant.parse(required("to"));
    }

    /** Null for everyone's punches. */
    public String empCode() {
        return params.get("empCode");
    }

    private static Map<String, String> paging(int page, int size) {
        Map<String, String> params = new HashMap<>();
        params.put("page", Integer.toString(page));
        params.put("size", Integer.toString(size));
        return params;
    }

    private int number(String name, int fallback) {
        String value = params.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private String required(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
