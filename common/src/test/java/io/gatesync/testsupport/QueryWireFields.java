package io.gatesync.testsupport;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The JSON field names, in order, of the BioTime query answers (io.gatesync.common.messaging): as a worker sends them
 * over the rpc (QueryReplyTest) and as the api passes them on to its callers (QueryRoutesTest). One list each, so the
 * two sides are held to the same contract.
 */
public final class QueryWireFields {

    /** A page of rows. */
    public static final List<String> PAGE = List.of("count", "page", "size", "items");

    /** A BioTime transaction row. */
    public static final List<String> TRANSACTION_ROW =
            List.of("id", "empCode", "punchTime", "punchState", "terminalSn", "terminalAlias", "uploadTime");

    /** A BioTime employee row. */
    public static final List<String> EMPLOYEE_ROW =
            List.of("id", "empCode", "firstName", "lastName", "mobile", "email", "attendanceEnabled");

    /** The connection check's report. */
    public static final List<String> CONNECTION_REPORT =
            List.of("ok", "latencyMs", "problems", "warnings", "terminal", "pendingApprovals", "checkedAt", "circuit");

    private QueryWireFields() {}

    /** The field names of a JSON object, in the order they stand. */
    public static List<String> fieldsOf(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
