package io.gatesync.worker.sync;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.CommandKind;

/**
 * Runs one command's work and records it in the sync log, the same way for every kind: success, or the failure
 * with whether it will be retried. The exception is passed on for the listener container to retry or dead-letter.
 */
@Component
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final SyncLog syncLog;

    public CommandRunner(SyncLog syncLog) {
        this.syncLog = syncLog;
    }

    /** The work's result message goes into the sync log. */
    @FunctionalInterface
    public interface Work {
        String run();
    }

    public void run(Command command, Message message, Work work) {
        String kind = CommandKind.of(command).name();
        int attempt = attempt(message);
        long start = System.nanoTime();
        try {
            String result = work.run();
            syncLog.write(kind, command.target(), SyncLog.Outcome.SUCCESS, result, attempt, elapsedMs(start),
                    command.commandId());
            log.debug("{} {} done: {}", kind, command.target(), result);
        } catch (RuntimeException e) {
            boolean retry = Failures.isRetryable(e);
            syncLog.write(kind, command.target(), retry ? SyncLog.Outcome.RETRY : SyncLog.Outcome.FAILED,
                    e.getMessage(), attempt, elapsedMs(start), command.commandId());
            if (retry) {
                log.warn("{} {} failed, will retry: {}", kind, command.target(), e.getMessage());
            } else {
                log.error("{} {} failed for good: {}", kind, command.target(), e.getMessage());
            }
            throw e;
        }
    }

    /** Deliveries so far, from the quorum queue's delivery count (absent on the first delivery). */
    private static int attempt(Message message) {
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        Object count = headers.get("x-delivery-count");
        return count instanceof Number n ? n.intValue() + 1 : 1;
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
