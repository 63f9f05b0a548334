package io.gatesync.common.messaging;

/**
 * A worker's answer to a {@link BioTimeQuery}. {@code status} is what the api answers with: 200, or the failure's
 * kind (400 bad parameters, 502 BioTime refused, 503 BioTime unavailable).
 */
public record QueryReply(int status, String error, Object data) {

    public static QueryReply ok(Object data) {
        return new QueryReply(200, null, data);
    }

    public static QueryReply failed(int status, String error) {
        return new QueryReply(status, error, null);
    }
}
