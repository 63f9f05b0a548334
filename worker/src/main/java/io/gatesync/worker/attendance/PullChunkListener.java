package io.gatesync.worker.attendance;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.PullAttendanceCommand;
import io.gatesync.worker.sync.CommandRunner;
import io.gatesync.worker.sync.ListenerConfiguration;

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

    @RabbitListener(messageConverter = ListenerConfiguration.RAW_BODIES, id = ID,
            queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).ATTENDANCE_PULL)}")
    void on(Message message) {
        runner.run(message, PullAttendanceCommand.class, chunks::importChunk);
    }
}
