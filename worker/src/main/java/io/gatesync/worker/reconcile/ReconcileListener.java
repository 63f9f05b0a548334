package io.gatesync.worker.reconcile;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.ReconcileCommand;
import io.gatesync.worker.command.CommandRunner;
import io.gatesync.worker.command.ListenerConfiguration;

/** Consumes reconciliation commands: one run at a time per worker, behind the live commands. */
@Component
class ReconcileListener {

    /** Listener id: the kind's routing key, by which {@code OutagePause} pauses it while BioTime is down. */
    static final String ID = "reconcile";

    private final Reconciler reconciler;
    private final CommandRunner runner;

    ReconcileListener(Reconciler reconciler, CommandRunner runner) {
        this.reconciler = reconciler;
        this.runner = runner;
    }

    @RabbitListener(
            messageConverter = ListenerConfiguration.RAW_BODIES,
            id = ID,
            concurrency = "1",
            queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).RECONCILE)}")
    void on(Message message) {
        runner.run(message, ReconcileCommand.class, reconciler::run);
    }
}
