package io.gatesync.worker.people;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.gatesync.common.messaging.SyncPersonCommand;
import io.gatesync.worker.command.CommandRunner;
import io.gatesync.worker.command.ListenerConfiguration;

@Component
class PersonSyncListener {

    /** Listener id: the kind's routing key, by which {@code OutagePause} pauses it while BioTime is down. */
    static final String ID = "person-sync";

    private final PersonSync personSync;
    private final CommandRunner runner;

    PersonSyncListener(PersonSync personSync, CommandRunner runner) {
        this.personSync = personSync;
        this.runner = runner;
    }

    @RabbitListener(
            messageConverter = ListenerConfiguration.RAW_BODIES,
            id = ID,
            queues = "#{@commandTopology.queue(T(io.gatesync.common.messaging.CommandKind).PERSON_SYNC)}")
    void on(Message message) {
        runner.run(message, SyncPersonCommand.class, c -> "BioTime employee " + personSync.sync(c.cnic()));
    }
}
