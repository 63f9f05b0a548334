package io.gatesync.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CommandGroupsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant at = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void commandsOfAKindTravelUpToTenToAMessageInOrderAndEachKindApart() {
        List<Command> commands = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            commands.add(new SyncEntryCommand("e" + i, i, at));
        }
        commands.add(new SyncPersonCommand("p1", "3520212345671", at));

        List<CommandGroups.Group> groups = CommandGroups.of(commands, json);

        assertThat(groups).extracting(g -> g.commands().size()).containsExactly(10, 10, 5, 1);
        assertThat(groups)
                .extracting(CommandGroups.Group::routingKey)
                .containsExactly("entry-sync", "entry-sync", "entry-sync", "person-sync");
        JsonNode first = json.readTree(groups.get(0).payload());
        assertThat(first.isArray()).isTrue();
        assertThat(first.get(0).get("commandId").asString()).isEqualTo("e1");
        assertThat(first.get(9).get("entryLogId").asLong()).isEqualTo(10);
        assertThat(groups.get(2).commands())
                .extracting(Command::commandId)
                .containsExactly("e21", "e22", "e23", "e24", "e25");
        assertThat(groups.stream().map(CommandGroups.Group::messageId).distinct())
                .hasSize(4);
    }

    @Test
    void aLoneCommandIsAPlainObjectUnderItsOwnId() {
        CommandGroups.Group lone = CommandGroups.of(List.of(new SyncPersonCommand("p1", "3520212345671", at)), json)
                .get(0);

        assertThat(lone.messageId()).isEqualTo("p1");
        assertThat(json.readTree(lone.payload()).isObject()).isTrue();
    }

    @Test
    void pullChunksAreNeverGroupedSoEveryWorkerTakesSome() {
        List<Command> chunks = List.of(
                new PullAttendanceCommand("c1", 1, at),
                new PullAttendanceCommand("c2", 2, at),
                new PullAttendanceCommand("c3", 3, at));

        assertThat(CommandGroups.of(chunks, json))
                .extracting(CommandGroups.Group::messageId)
                .containsExactly("c1", "c2", "c3");
    }

    @Test
    void aGroupIsReadBackIntoItsCommandsEachWithAMessageOfItsOwn() {
        CommandGroups.Group group = CommandGroups.of(
                        List.of(new SyncEntryCommand("e1", 1, at), new SyncEntryCommand("e2", 2, at)), json)
                .get(0);
        Message received = MessageBuilder.withBody(group.payload().getBytes())
                .setMessageId(group.messageId())
                .setHeader("gatesync-attempts", 2)
                .build();

        List<ReceivedCommands.Received<SyncEntryCommand>> read =
                ReceivedCommands.read(received, SyncEntryCommand.class, json);

        assertThat(read).extracting(r -> r.command().entryLogId()).containsExactly(1L, 2L);
        assertThat(read)
                .extracting(r -> r.message().getMessageProperties().getMessageId())
                .as("each retried or dead-lettered under its own id")
                .containsExactly("e1", "e2");
        assertThat(read)
                .extracting(r -> r.message().getMessageProperties().getHeaders().get("gatesync-attempts"))
                .as("with the group's attempts")
                .containsExactly(2, 2);
        assertThat(json.readTree(read.get(1).message().getBody())
                        .get("commandId")
                        .asString())
                .isEqualTo("e2");
    }

    @Test
    void aLoneCommandIsReadAsItCameAndWhatCannotBeReadSaysWhy() {
        Message lone = MessageBuilder.withBody(json.writeValueAsBytes(new SyncPersonCommand("p1", "3520212345671", at)))
                .setMessageId("p1")
                .build();
        assertThat(ReceivedCommands.read(lone, SyncPersonCommand.class, json))
                .singleElement()
                .satisfies(r -> assertThat(r.message()).isSameAs(lone))
                .satisfies(r -> assertThat(r.command().cnic()).isEqualTo("3520212345671"));

        assertThat(ReceivedCommands.read(
                        MessageBuilder.withBody("not json".getBytes()).build(), SyncPersonCommand.class, json))
                .singleElement()
                .satisfies(r -> assertThat(r.readable()).isFalse())
                .satisfies(r -> assertThat(r.problem()).isEqualTo("the body is not JSON"));
        assertThat(ReceivedCommands.read(
                        MessageBuilder.withBody(
                                        ("[{\"entryLogId\": 3}, {\"commandId\": \"e4\", " + "\"entryLogId\": 4}]")
                                                .getBytes())
                                .build(),
                        SyncEntryCommand.class,
                        json))
                .extracting(ReceivedCommands.Received::problem)
                .containsExactly("commandId and entry-sync target are required", null);
    }

    @Test
    void eachCommandTypeHasItsKind() {
        for (CommandKind kind : CommandKind.values()) {
            assertThat(CommandKind.ofType(kind.type())).isEqualTo(kind);
        }
    }
}
