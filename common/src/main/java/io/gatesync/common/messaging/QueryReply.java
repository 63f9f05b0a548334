package io.gatesync.common.messaging;

/**
 * A worker's answer to a {@link BioTimeQuery}. {@code status} is what the api answers with: 200, or the failure's
 * kind (400 bad parameters, 502 BioTime refused, 503 BioTime unavailable). {@code data} is the query's record
 * ({@link ConnectionReport}, a {@link BioTimePage} of {@link EmployeeRow} or {@link TransactionRow}); the api reads it
 * as the type of what it asked, so no type header travels.
 */
public record QueryReply<T>(int status, String error, T data) {

    public static <T> QueryReply<T> ok(T data) {
        return new QueryReply<>(200, null, data);
    }

    public static <T> QueryReply<T> failed(int status, String error) {
        return new QueryReply<>(status, error, null);
    }
}
