package io.gatesync.api.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.gatesync.api.event.EventService.Outcome;

/**
 * Single events from many gates share transactions: each writer thread takes whatever events are waiting (up to
 * {@code gatesync.ingest.max-batch}) and records them in one transaction. With no queue an event goes alone at once,
 * so nothing waits for a batch to fill; under load one commit serves hundreds of gates. A gate's answer comes only
 * after the commit that holds its event.
 */
@Component
@EnableConfigurationProperties(IngestSettings.class)
class EventWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    private record Pending(GateEvent event, CompletableFuture<Outcome> outcome) {}

    private final EventService events;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private volatile boolean running = true;

    EventWriter(EventService events, MeterRegistry registry, IngestSettings settings) {
        this.events = events;
        this.maxBatch = settings.maxBatch();
        this.queue = new LinkedBlockingQueue<>(settings.maxWaiting());
        this.batchSizes = DistributionSummary.builder("gatesync.ingest.batch.size")
                .description("Gate events recorded per transaction")
                .register(registry);
        for (int i = 1; i <= settings.writers(); i++) {
            Thread writer = new Thread(this::write, "event-writer-" + i);
            writer.start();
            writers.add(writer);
        }
    }

    /** The event's outcome once its transaction committed; refused at once when too many events are waiting. */
    CompletableFuture<Outcome> submit(GateEvent event) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(event, outcome))) {
            outcome.completeExceptionally(new IngestBusyException());
        }
        return outcome;
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                batchSizes.record(batch.size());
                List<Outcome> outcomes =
                        events.recordAll(batch.stream().map(Pending::event).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome().complete(outcomes.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database is unreachable or similar: these gates get an error and send again; nothing was stored.
                log.warn("Recording {} gate events failed: {}", batch.size(), e.toString());
                batch.forEach(p -> p.outcome().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Stops taking events, records those already waiting, then stops the writers. */
    @Override
    public void destroy() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
