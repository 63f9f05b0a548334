package io.gatesync.worker.entrylog;

import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.worker.biotime.PunchChannel;
import io.gatesync.worker.command.CommandRunner;
import io.gatesync.worker.command.ListenerConfiguration;
import io.gatesync.worker.command.Outcome;

@Component
class EntrySyncListener {

    /** Listener id: the kind's routing key, by which {@code OutagePause} pauses it while BioTime is down. */
    static final String ID = "entry-sync";

    private final EntrySync entrySync;
    private final CommandRunner runner;
    private final PunchChannel channel;

    EntrySyncListener(EntrySync entrySync, CommandRunner runner, PunchChannel channel) {
        this.entrySync = entrySync;
        this.runner = runner;
        this.channel = channel;
    }

    @RabbitListener(
            messageConverter = ListenerConfiguration.RAW_BODIES,
            id = ID,
            containerFactory = ListenerConfiguration.ENTRY_SYNC_BATCHES,
            queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).ENTRY_SYNC)}")
    void on(List<Message> messages) {
        runner.runAll(messages, SyncEntryCommand.class, channel.batchSize(), commands -> {
            Map<Long, Outcome> outcomes = entrySync.syncAll(
                    commands.stream().map(SyncEntryCommand::entryLogId).toList());
            return commands.stream().map(c -> outcomes.get(c.entryLogId())).toList();
        });
    }
}
