package io.gatesync.worker.entrylog;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.worker.sync.CommandRunner;

@Component
class EntrySyncListener {

    private final EntrySync entrySync;
    private final CommandRunner runner;

    EntrySyncListener(EntrySync entrySync, CommandRunner runner) {
        this.entrySync = entrySync;
        this.runner = runner;
    }

    @RabbitListener(queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).ENTRY_SYNC)}")
    void on(SyncEntryCommand command, Message message) {
        runner.run(command, message, () -> entrySync.sync(command.entryLogId()));
    }
}
