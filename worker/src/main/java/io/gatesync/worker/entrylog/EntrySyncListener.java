package io.gatesync.worker.entrylog;

import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.worker.sync.ListenerConfiguration;

import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.worker.sync.CommandRunner;

@Component
class EntrySyncListener {

    /** Listener id: the kind's routing key, by which {@code OutagePause} pauses it while BioTime is down. */
    static final String ID = "entry-sync";

    private final EntrySync entrySync;
    private final CommandRunner runner;

    EntrySyncListener(EntrySync entrySync, CommandRunner runner) {
        this.entrySync = entrySync;
        this.runner = runner;
    }

    @RabbitListener(messageConverter = ListenerConfiguration.RAW_BODIES, id = ID,
            containerFactory = ListenerConfiguration.ENTRY_SYNC_BATCHES,
            queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).ENTRY_SYNC)}")
    void on(List<Message> messages) {
        runner.runAll(messages, SyncEntryCommand.class, commands -> {
            Map<Long, CommandRunner.Outcome> outcomes = entrySync.syncAll(
                    commands.stream().map(SyncEntryCommand::entryLogId).toList());
            return commands.stream().map(c -> outcomes.get(c.entryLogId())).toList();
        });
    }
}
