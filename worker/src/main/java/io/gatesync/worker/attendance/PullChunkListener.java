package io.gatesync.worker.attendance;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.PullAttendanceCommand;
import io.gatesync.worker.command.CommandRunner;
import io.gatesync.worker.command.ListenerConfiguration;

/** Consumes attendance-pull commands, one chunk each; chunks of one run are imported by all workers in parallel. */
@Component
class PullChunkListener {

    /** Listener id: the kind's routing key, by which {@code OutagePause} pauses it while BioTime is down. */
    static final String ID = "attendance-pull";

    private final ChunkImport chunks;
    private final CommandRunner runner;

    PullChunkListener(ChunkImport chunks, CommandRunner runner) {
        this.chunks = chunks;
        this.runner = runner;
    }

    // chunk imports are CPU and database work holding a page of up to 5,000 punches each: a few at a time per
    // worker (gatesync.attendance-pull.consumers), not the 12 of the commands that wait on BioTime
    @RabbitListener(
            messageConverter = ListenerConfiguration.RAW_BODIES,
            id = ID,
            concurrency = "${gatesync.attendance-pull.consumers:4}",
            queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).ATTENDANCE_PULL)}")
    void on(Message message) {
        runner.run(message, PullAttendanceCommand.class, chunks::importChunk);
    }
}
