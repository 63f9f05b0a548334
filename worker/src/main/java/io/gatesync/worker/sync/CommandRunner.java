package io.gatesync.worker.sync;

import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

import io.gatesync.common.text.Texts;
import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.CommandKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one command the same way for every kind: read it, do the work, record the attempt in the sync log, and on
 * failure let the {@link FailureRouter} retry or dead-letter it. Returning normally acks the message: by then it
 * is done, or safely moved on.
 */
@Component
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final SyncLog syncLog;
    private final FailureRouter router;
    private final JsonMapper json;
    private final MeterRegistry metrics;

    public CommandRunner(SyncLog syncLog, FailureRouter router, JsonMapper json, MeterRegistry metrics) {
        this.syncLog = syncLog;
        this.router = router;
        this.json = json;
        this.metrics = metrics;
    }

    public <C extends Command> void run(Message message, Class<C> type, Function<C, String> work) {
        CommandKind kind = kindOf(type);
        C command;
        try {
            command = json.readValue(message.getBody(), type);
            if (command.commandId() == null || command.target() == null || command.target().equals("0")) {
                throw new IllegalArgumentException("commandId and " + kind.routingKey() + " target are required");
            }
        } catch (RuntimeException unreadable) {
            String problem = "Unreadable " + kind.name() + " message: " + unreadable.getMessage();
            log.error("{}; dead-lettered", problem);
            router.unreadable(message, kind, Texts.truncate(problem, 1000));
            syncLog.write(kind.name(), "unknown", SyncLog.Outcome.FAILED, problem, FailureRouter.attempts(message) + 1,
                    0, message.getMessageProperties().getMessageId());
            return;
        }
        int attempt = FailureRouter.attempts(message) + 1;
        long start = System.nanoTime();
        try {
            String result = work.apply(command);
            syncLog.write(kind.name(), command.target(), SyncLog.Outcome.SUCCESS, result, attempt, elapsedMs(start),
                    command.commandId());
            timer(kind, "success").record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            log.debug("{} {} done: {}", kind, command.target(), result);
        } catch (RuntimeException e) {
            timer(kind, "failure").record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            FailureRouter.Decision decision = router.route(message, kind, e);
            boolean dead = decision.route() == FailureRouter.Route.DEAD;
            syncLog.write(kind.name(), command.target(), dead ? SyncLog.Outcome.FAILED : SyncLog.Outcome.RETRY,
                    e.getMessage() + " → " + decision.describe(), attempt, elapsedMs(start), command.commandId());
            if (dead) {
                log.error("{} {} failed for good: {} ({})", kind, command.target(), e.getMessage(), decision.reason());
            } else {
                log.warn("{} {} failed: {} → {}", kind, command.target(), e.getMessage(), decision.describe());
            }
        }
    }

    private Timer timer(CommandKind kind, String outcome) {
        return Timer.builder("gatesync.commands.processed").description("Commands processed by this worker")
                .tag("kind", kind.name()).tag("outcome", outcome).register(metrics);
    }

    private static CommandKind kindOf(Class<? extends Command> type) {
        for (CommandKind kind : CommandKind.values()) {
            if (kind.type().equals(type)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("No command kind for " + type);
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
