package io.gatesync.worker.people;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.SyncPersonCommand;
import io.gatesync.worker.sync.CommandRunner;

@Component
class PersonSyncListener {

    private final PersonSync personSync;
    private final CommandRunner runner;

    PersonSyncListener(PersonSync personSync, CommandRunner runner) {
        this.personSync = personSync;
        this.runner = runner;
    }

    @RabbitListener(queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).PERSON_SYNC)}")
    void on(SyncPersonCommand command, Message message) {
        runner.run(command, message, () -> "BioTime employee " + personSync.sync(command.cnic()));
    }
}
