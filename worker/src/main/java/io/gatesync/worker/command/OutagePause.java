package io.gatesync.worker.command;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.CommandKind;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.CircuitBreaker;

/**
 * While BioTime's circuit is open the work consumers stop: commands wait in their queues, untouched, instead of
 * burning retries. A probe keeps asking BioTime (through the same gate, so within the budget) and the consumers
 * start again by themselves once it answers.
 */
@Component
public class OutagePause implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutagePause.class);

    private final RabbitListenerEndpointRegistry listeners;
    private final CircuitBreaker breaker;
    private final BioTimeClient client;
    // Containers must not be stopped from their own consumer threads (where the breaker trips).
    private final ExecutorService switcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outage-pause");
        thread.setDaemon(true);
        return thread;
    });

    public OutagePause(RabbitListenerEndpointRegistry listeners, CircuitBreaker breaker, BioTimeClient client) {
        this.listeners = listeners;
        this.breaker = breaker;
        this.client = client;
        breaker.onChange(state -> {
            if (state == CircuitBreaker.State.OPEN) {
                switcher.execute(() -> setConsumers(false));
            } else if (state == CircuitBreaker.State.CLOSED) {
                switcher.execute(() -> setConsumers(true));
            }
        });
    }

    private void setConsumers(boolean running) {
        boolean changed = false;
        for (CommandKind kind : CommandKind.values()) {
            MessageListenerContainer container = listeners.getListenerContainer(kind.routingKey());
            if (container == null || container.isRunning() == running) {
                continue;
            }
            if (running) {
                container.start();
            } else {
                container.stop();
            }
            changed = true;
        }
        if (changed) {
            log.warn(running ? "BioTime is back: consumers resumed" : "BioTime unavailable: consumers paused");
        }
    }

    /** While the circuit is not closed, try BioTime once its open period is over. */
    @Scheduled(fixedDelayString = "${gatesync.circuit.probe-interval:2s}")
    public void probe() {
        if (breaker.state() == CircuitBreaker.State.CLOSED || !breaker.trialDue()) {
            return;
        }
        try {
            client.probe();
        } catch (BioTimeException e) {
            log.debug("BioTime probe failed: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        switcher.shutdownNow();
    }
}
