package io.gatesync.common.messaging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of {@link CommandGroups}: a message as a worker received it, back into its commands, each as if it
 * had come alone, so each is run, retried or dead-lettered on its own.
 */
public final class ReceivedCommands {

    private ReceivedCommands() {}

    /**
     * One command of a message.
     *
     * @param message its own message: the one received, or for a group's command a copy with the group's headers
     *                (attempts so far) and the command's id as message id, so a retry or dead letter carries it alone
     * @param command the command read, or null if it could not be
     * @param problem why it could not be read, or null
     */
    public record Received<C extends Command>(Message message, C command, String problem) {

        public boolean readable() {
            return command != null;
        }
    }

    /** The commands of a message of {@code type}'s kind: itself, or each command of a group, in order. */
    public static <C extends Command> List<Received<C>> read(Message message, Class<C> type, JsonMapper json) {
        CommandKind kind = CommandKind.ofType(type);
        JsonNode body;
        try {
            body = json.readTree(message.getBody());
        } catch (RuntimeException notJson) {
            return List.of(new Received<>(message, null, "the body is not JSON"));
        }
        if (!body.isArray()) {
            return List.of(read(message, body, type, kind, json));
        }
        List<Received<C>> group = new ArrayList<>(body.size());
        for (JsonNode command : body) {
            JsonNode id = command.get("commandId");
            Message alone = MessageBuilder.withBody(json.writeValueAsBytes(command))
                    .copyProperties(message.getMessageProperties())
                    .setMessageId(id != null && id.isString() ? id.asString() : null)
                    .build();
            group.add(read(alone, command, type, kind, json));
        }
        return group;
    }

    private static <C extends Command> Received<C> read(
            Message message, JsonNode body, Class<C> type, CommandKind kind, JsonMapper json) {
        try {
            C command = json.treeToValue(body, type);
            if (command.commandId() == null
                    || command.target() == null
                    || command.target().equals("0")) {
                return new Received<>(message, null, "commandId and " + kind.routingKey() + " target are required");
            }
            return new Received<>(message, command, null);
        } catch (RuntimeException unreadable) {
            return new Received<>(message, null, unreadable.getMessage());
        }
    }
}
