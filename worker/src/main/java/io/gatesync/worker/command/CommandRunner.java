package io.gatesync.worker.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.ReceivedCommands;
import io.gatesync.common.messaging.ReceivedCommands.Received;
import io.gatesync.common.synclog.SyncLog;
import io.gatesync.common.synclog.SyncLogKind;
import io.gatesync.common.synclog.SyncLogOutcome;
import io.gatesync.common.text.Texts;

/**
 * Runs one command the same way for every kind: read it ({@link ReceivedCommands}), do the work, record the attempt
 * in the sync log, and on failure let the {@link FailureRouter} retry or dead-letter it. Returning normally acks the
 * message: by then it is done, or safely moved on.
 */
@Component
public class CommandRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private static final String SUCCESS = "success";
    private static final String FAILURE = "failure";

    private final SyncLog syncLog;
    private final FailureRouter router;
    private final JsonMapper json;
    private final MeterRegistry metrics;

    /**
     * Where the chunks of a group run side by side: as many threads as the worker has consumers, so a group in one
     * consumer's hands keeps as much going as single commands in all of them did.
     */
    private final ExecutorService chunkPool;

    public CommandRunner(
            SyncLog syncLog, FailureRouter router, JsonMapper json, MeterRegistry metrics, RabbitProperties rabbit) {
        RabbitProperties.SimpleContainer consumers = rabbit.getListener().getSimple();
        Integer threadCount =
                consumers.getMaxConcurrency() != null ? consumers.getMaxConcurrency() : consumers.getConcurrency();
        AtomicInteger threads = new AtomicInteger();
        this.chunkPool = Executors.newFixedThreadPool(threadCount == null ? 1 : threadCount, task -> {
            Thread thread = new Thread(task, "command-group-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.syncLog = syncLog;
        this.router = router;
        this.json = json;
        this.metrics = metrics;
        for (CommandKind kind : CommandKind.values()) { // at 0 from the start, so rates begin at the first command
            timer(kind, SUCCESS);
            timer(kind, FAILURE);
        }
    }

    public <C extends Command> void run(Message message, Class<C> type, Function<C, String> work) {
        runAll(
                List.of(message),
                type,
                1,
                commands -> commands.stream()
                        .map(c -> Outcome.of(() -> work.apply(c)))
                        .toList());
    }

    /**
     * Runs commands together, {@code chunk} at a time: {@code work} gets the readable ones of a chunk and answers an
     * outcome for each, in order; each is then logged, and retried or dead-lettered on its own. A message may carry
     * a group of commands (a JSON array, see CommandGroups; read back by ReceivedCommands): each is run, logged and
     * moved on its own, as if it had come alone, and the message is acked once all of them are done or moved. Chunks
     * run side by side, up to as many at a time as the worker has consumers.
     */
    public <C extends Command> void runAll(
            List<Message> messages, Class<C> type, int chunk, Function<List<C>, List<Outcome>> work) {
        CommandKind kind = CommandKind.ofType(type);
        List<Message> readable = new ArrayList<>(messages.size());
        List<C> commands = new ArrayList<>(messages.size());
        List<SyncLog.Entry> unreadableLogs = new ArrayList<>();
        for (Message message : messages) {
            for (Received<C> one : ReceivedCommands.read(message, type, json)) {
                if (one.readable()) {
                    commands.add(one.command());
                    readable.add(one.message());
                } else {
                    String problem = "Unreadable " + kind.name() + " message: " + one.problem();
                    log.error("{}; dead-lettered", problem);
                    router.unreadable(one.message(), kind, Texts.truncate(problem, 1000));
                    unreadableLogs.add(new SyncLog.Entry(
                            SyncLogKind.of(kind),
                            "unknown",
                            SyncLogOutcome.FAILED,
                            problem,
                            FailureRouter.attempts(one.message()) + 1,
                            0,
                            one.message().getMessageProperties().getMessageId()));
                }
            }
        }
        writeLogs(unreadableLogs);
        List<Runnable> chunks = new ArrayList<>();
        for (int from = 0; from < commands.size(); from += chunk) {
            int to = Math.min(commands.size(), from + chunk);
            List<Message> ofChunk = readable.subList(from, to);
            List<C> chunkCommands = commands.subList(from, to);
            chunks.add(() -> writeLogs(runChunk(kind, ofChunk, chunkCommands, work)));
        }
        if (chunks.size() == 1) {
            chunks.get(0).run();
        } else if (!chunks.isEmpty()) {
            runSideBySide(chunks);
        }
    }

    /**
     * Waits for every chunk, then rethrows the first failure (a command that could not be moved on): the container
     * then requeues the messages, and their commands that were done are found done when they come again.
     */
    private void runSideBySide(List<Runnable> chunks) {
        List<Future<?>> running =
                chunks.stream().<Future<?>>map(chunkPool::submit).toList();
        RuntimeException first = null;
        boolean interrupted = false;
        for (Future<?> chunk : running) {
            while (true) {
                try {
                    chunk.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // shutting down: the chunks under way still finish, as a lone one would
                } catch (ExecutionException e) {
                    RuntimeException failure =
                            e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    first = first == null ? failure : first;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        chunkPool.shutdown();
        chunkPool.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Runs one chunk and routes its failures; returns its sync log rows. */
    private <C extends Command> List<SyncLog.Entry> runChunk(
            CommandKind kind, List<Message> messages, List<C> commands, Function<List<C>, List<Outcome>> work) {
        List<SyncLog.Entry> logs = new ArrayList<>(commands.size());
        long start = System.nanoTime();
        List<Outcome> outcomes;
        try {
            outcomes = work.apply(commands);
        } catch (RuntimeException e) {
            outcomes = Collections.nCopies(commands.size(), Outcome.failed(e));
        }
        long nanos = System.nanoTime() - start;
        // one log line per failure, naming every command it failed (a failed upload fails a whole batch)
        Map<RuntimeException, List<String>> failedTargets = new IdentityHashMap<>();
        Map<RuntimeException, FailureRouter.Decision> decisions = new IdentityHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.failure() == null) {
                logs.add(success(kind, messages.get(i), commands.get(i), outcome.result(), nanos));
            } else {
                FailureRouter.Decision decision = router.route(messages.get(i), kind, outcome.failure());
                logs.add(failure(kind, messages.get(i), commands.get(i), outcome.failure(), decision, nanos));
                failedTargets
                        .computeIfAbsent(outcome.failure(), e -> new ArrayList<>())
                        .add(commands.get(i).target());
                decisions.put(outcome.failure(), decision);
            }
        }
        failedTargets.forEach((e, targets) -> logFailure(kind, targets, e, decisions.get(e)));
        return logs;
    }

    private void writeLogs(List<SyncLog.Entry> logs) {
        if (logs.isEmpty()) {
            return;
        }
        try {
            syncLog.writeAll(logs);
        } catch (DataAccessException e) {
            // The work is done (or routed): failing now would send the whole batch to the broker's dead letters.
            log.warn("{} sync log rows not written ({}): {}", logs.size(), e.getMessage(), logs);
        }
    }

    private SyncLog.Entry success(CommandKind kind, Message message, Command command, String result, long nanos) {
        timer(kind, SUCCESS).record(nanos, TimeUnit.NANOSECONDS);
        log.debug("{} {} done: {}", kind, command.target(), result);
        return new SyncLog.Entry(
                SyncLogKind.of(kind),
                command.target(),
                SyncLogOutcome.SUCCESS,
                result,
                FailureRouter.attempts(message) + 1,
                nanos / 1_000_000,
                command.commandId());
    }

    private SyncLog.Entry failure(
            CommandKind kind,
            Message message,
            Command command,
            RuntimeException e,
            FailureRouter.Decision decision,
            long nanos) {
        timer(kind, FAILURE).record(nanos, TimeUnit.NANOSECONDS);
        boolean dead = decision.route() == FailureRouter.Route.DEAD;
        return new SyncLog.Entry(
                SyncLogKind.of(kind),
                command.target(),
                dead ? SyncLogOutcome.FAILED : SyncLogOutcome.RETRY,
                e.getMessage() + " → " + decision.describe(),
                FailureRouter.attempts(message) + 1,
                nanos / 1_000_000,
                command.commandId());
    }

    private static void logFailure(
            CommandKind kind, List<String> targets, RuntimeException e, FailureRouter.Decision decision) {
        String which = targets.size() == 1
                ? targets.get(0)
                : targets.size() + " commands (" + String.join(", ", targets.subList(0, Math.min(10, targets.size())))
                        + (targets.size() > 10 ? ", ...)" : ")");
        if (decision.route() == FailureRouter.Route.DEAD) {
            log.error("{} {} failed for good: {} ({})", kind, which, e.getMessage(), decision.reason());
        } else {
            log.warn("{} {} failed: {} → {}", kind, which, e.getMessage(), decision.describe());
        }
    }

    private Timer timer(CommandKind kind, String outcome) {
        return Timer.builder("gatesync.commands.processed")
                .description("Commands processed by this worker")
                .tag("kind", kind.name())
                .tag("outcome", outcome)
                .register(metrics);
    }
}
