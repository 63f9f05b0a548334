package io.gatesync.worker.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.CommandHeaders;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.text.Texts;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.CircuitBreaker;

/**
 * Decides what becomes of a failed command, and moves it there with publisher confirms before the original is
 * acked, so the move loses nothing:
 * <ul>
 * <li>retry-later failures wait in the next delay queue of ZKTECO_RETRY_DELAYS (the last delay repeats), one more
 * attempt counted; a command is dead-lettered as RETRIES_EXHAUSTED after as many attempts as there are delays, or
 * after {@code gatesync.retry.max-outage-attempts} when its failures were BioTime's own (timeouts, 5xx): a flaky
 * server is not the command's fault, but no command loops forever;</li>
 * <li>failures while BioTime is down (circuit not closed) wait in the first delay queue without counting, so an
 * outage never fills the dead-letter queue;</li>
 * <li>a command that cannot be done yet ({@link NotYetException}: an earlier push may still be in flight) waits in
 * the longest delay queue that does not overshoot its wait, without counting;</li>
 * <li>permanent failures and unreadable messages are dead-lettered at once with their reason.</li>
 * </ul>
 * If the broker does not confirm the move, the original is requeued instead (nothing acked, nothing lost).
 */
@Component
public class FailureRouter {

    public enum Route {
        RETRY,
        WAIT_FOR_BIOTIME,
        NOT_YET,
        DEAD
    }

    /** Why a command was dead-lettered (its REASON header, dead_letters.reason). */
    private static final String PERMANENT = "PERMANENT";

    private static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";
    private static final String UNPARSEABLE = "UNPARSEABLE";
    /** Every reason GateSync dead-letters with: the failure and dead-letter counters exist at 0 for each. */
    public static final List<String> DEAD_LETTER_REASONS =
            List.of(PERMANENT, RETRIES_EXHAUSTED, UNPARSEABLE, BioTimeException.PUNCH_CONFLICT);
    /** The failure counter's reason for a command that was not dead-lettered. */
    private static final String RETRYABLE = "RETRYABLE";

    /** Where a failed command went and why. */
    public record Decision(Route route, String reason, int attempts, Duration delay) {

        public String describe() {
            return switch (route) {
                case RETRY -> "retry " + attempts + " in " + delay.toSeconds() + " s";
                case WAIT_FOR_BIOTIME -> "BioTime unavailable; waiting " + delay.toSeconds() + " s (not counted)";
                case NOT_YET -> "not yet; waiting " + delay.toSeconds() + " s (not counted)";
                case DEAD -> "dead-lettered (" + reason + ") after " + attempts + " attempts";
            };
        }
    }

    private final CommandPublisher publisher;
    private final CommandTopology topology;
    private final CircuitBreaker breaker;
    private final List<Duration> delays;
    private final MeterRegistry metrics;

    private final int maxOutageAttempts;

    public FailureRouter(
            CommandPublisher publisher,
            CommandTopology topology,
            CircuitBreaker breaker,
            MeterRegistry metrics,
            @Value("${gatesync.retry.max-outage-attempts:20}") int maxOutageAttempts) {
        this.maxOutageAttempts = maxOutageAttempts;
        this.publisher = publisher;
        this.topology = topology;
        this.breaker = breaker;
        this.delays = topology.retryDelays();
        this.metrics = metrics;
        // at 0 from the start, so increase() sees a kind's first failure: every route with the reasons it can have
        for (CommandKind kind : CommandKind.values()) {
            for (Route route : Route.values()) {
                for (String reason : route == Route.DEAD ? DEAD_LETTER_REASONS : List.of(RETRYABLE)) {
                    failed(kind, route, reason);
                }
            }
        }
    }

    public Decision route(Message message, CommandKind kind, RuntimeException failure) {
        int attempts = attempts(message);
        NotYetException notYet = Texts.causeOf(failure, NotYetException.class);
        Decision decision;
        if (notYet != null) {
            decision = new Decision(Route.NOT_YET, null, attempts, delayFor(notYet.waitFor()));
        } else if (!Failures.isRetryable(failure)) {
            decision = new Decision(Route.DEAD, permanentReason(failure), attempts + 1, null);
        } else if (duringOutage(failure)) {
            decision = new Decision(Route.WAIT_FOR_BIOTIME, null, attempts, waitFor(failure));
        } else if (attempts + 1 > (bioTimeOutage(failure) ? maxOutageAttempts : delays.size())) {
            decision = new Decision(Route.DEAD, RETRIES_EXHAUSTED, attempts + 1, null);
        } else {
            decision = new Decision(Route.RETRY, null, attempts + 1, delays.get(Math.min(attempts, delays.size() - 1)));
        }
        send(message, kind, decision, failure.getMessage());
        return decision;
    }

    /** The longest retry delay that is not longer than the wait (the first one for short waits). */
    private Duration delayFor(Duration wait) {
        return delays.stream()
                .filter(d -> d.compareTo(wait) <= 0)
                .max(Duration::compareTo)
                .orElse(delays.get(0));
    }

    /** A message that cannot even be read goes straight to the dead-letter queue. */
    public Decision unreadable(Message message, CommandKind kind, String problem) {
        Decision decision = new Decision(Route.DEAD, UNPARSEABLE, attempts(message) + 1, null);
        send(message, kind, decision, problem);
        return decision;
    }

    private static boolean bioTimeOutage(RuntimeException failure) {
        BioTimeException bioTime = Texts.causeOf(failure, BioTimeException.class);
        return bioTime != null && bioTime.outage();
    }

    /**
     * The outage itself is not the command's fault: BioTime was not called (circuit open), BioTime needs an admin's
     * change first, or the circuit is tripping.
     */
    private boolean duringOutage(RuntimeException failure) {
        BioTimeException bioTime = Texts.causeOf(failure, BioTimeException.class);
        if (bioTime == null) {
            return false;
        }
        return bioTime.waitsWithoutCounting() || (bioTime.outage() && breaker.state() != CircuitBreaker.State.CLOSED);
    }

    /**
     * An outage waits the first delay; a set-up problem (an admin must change BioTime) the longest delay up to a
     * minute, so a site's backlog does not circle every few seconds while the fix is made.
     */
    private Duration waitFor(RuntimeException failure) {
        BioTimeException bioTime = Texts.causeOf(failure, BioTimeException.class);
        return bioTime.setUpNeeded() ? delayFor(Duration.ofMinutes(1)) : delays.get(0);
    }

    /** PERMANENT, unless the failure names a reason of its own (a punch conflict). */
    private static String permanentReason(RuntimeException failure) {
        BioTimeException bioTime = Texts.causeOf(failure, BioTimeException.class);
        return bioTime != null && bioTime.deadLetterReason() != null ? bioTime.deadLetterReason() : PERMANENT;
    }

    private void send(Message original, CommandKind kind, Decision decision, String error) {
        MessageProperties in = original.getMessageProperties();
        MessageProperties out = new MessageProperties();
        in.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("x-")) { // broker bookkeeping; RabbitMQ 4 ignores client-set x- headers anyway
                out.setHeader(name, value);
            }
        });
        out.setMessageId(
                in.getMessageId() != null
                        ? in.getMessageId()
                        : UUID.nameUUIDFromBytes(original.getBody()).toString());
        out.setContentType(in.getContentType() != null ? in.getContentType() : MessageProperties.CONTENT_TYPE_JSON);
        out.setContentEncoding(in.getContentEncoding());
        out.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        String now = Instant.now().toString();
        out.setHeader(CommandHeaders.ATTEMPTS, decision.attempts());
        out.setHeader(CommandHeaders.LAST_ERROR, Texts.truncate(error, 1000));
        out.setHeader(CommandHeaders.LAST_FAILURE, now);
        if (!in.getHeaders().containsKey(CommandHeaders.FIRST_FAILURE)) {
            out.setHeader(CommandHeaders.FIRST_FAILURE, now);
        }
        out.setHeader(CommandHeaders.ORIGINAL_EXCHANGE, topology.commandsExchange());
        out.setHeader(CommandHeaders.ORIGINAL_ROUTING_KEY, kind.routingKey());
        String exchange;
        if (decision.route() == Route.DEAD) {
            out.setHeader(CommandHeaders.REASON, decision.reason());
            exchange = topology.deadLetterExchange();
        } else {
            exchange = topology.retryExchange(decision.delay());
        }
        try {
            publisher.publishConfirmed(exchange, kind.routingKey(), new Message(original.getBody(), out));
        } catch (RuntimeException e) {
            // Keep the original: it is requeued and tried again, nothing is lost.
            throw new ImmediateRequeueAmqpException(
                    "Could not move failed command to " + exchange + ": " + e.getMessage(), e);
        }
        failed(kind, decision.route(), decision.reason() == null ? RETRYABLE : decision.reason())
                .increment();
    }

    private Counter failed(CommandKind kind, Route route, String reason) {
        return metrics.counter(
                "gatesync.commands.failed", "kind", kind.name(), "route", route.name(), "reason", reason);
    }

    /** Counted failed attempts so far, from our own header. */
    public static int attempts(Message message) {
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        Object value = headers.get(CommandHeaders.ATTEMPTS);
        return value instanceof Number n ? n.intValue() : 0;
    }
}
