package io.gatesync.common.messaging;

/**
 * Headers GateSync sets on commands it retries or dead-letters. Plain names, not {@code x-…}: RabbitMQ 4 ignores
 * client-set {@code x-} headers such as {@code x-death}, so GateSync counts attempts itself.
 */
public final class CommandHeaders {

    /** Failed attempts counted so far (attempts during a BioTime outage do not count). */
    public static final String ATTEMPTS = "gatesync-attempts";
    /** When the command first failed, ISO-8601. */
    public static final String FIRST_FAILURE = "gatesync-first-failure";
    /** When it last failed, ISO-8601. */
    public static final String LAST_FAILURE = "gatesync-last-failure";
    /** The last failure's message. */
    public static final String LAST_ERROR = "gatesync-last-error";
    /** Why it was dead-lettered: PERMANENT, RETRIES_EXHAUSTED, UNPARSEABLE. */
    public static final String REASON = "gatesync-reason";
    /** Where the command was first published, for replay. */
    public static final String ORIGINAL_EXCHANGE = "gatesync-original-exchange";

    public static final String ORIGINAL_ROUTING_KEY = "gatesync-original-routing-key";

    private CommandHeaders() {}
}
