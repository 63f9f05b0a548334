package io.gatesync.worker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

import io.gatesync.common.messaging.CommandKind;

/**
 * {@link OutagePause} finds each kind's consumers by listener id, taking the id to be the kind's routing key. The
 * ids are string constants in three listener classes (an annotation needs a constant), so this pins them: renaming
 * a kind's routing key, or a listener's id, cannot silently leave a queue consuming through an outage.
 */
class ListenerIdsTest {

    // the queue a command listener consumes: "#{@commandTopology.queue(T(...CommandKind).ENTRY_SYNC)}"
    private static final Pattern KIND_QUEUE = Pattern.compile("CommandKind\\)\\.([A-Z_]+)\\)");

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatesync.worker");

    @Test
    void eachCommandKindHasOneListenerOnItsQueueWhoseIdIsItsRoutingKey() {
        Map<CommandKind, List<String>> listenersByKind = new EnumMap<>(CommandKind.class);
        List<String> otherIds = new ArrayList<>();
        for (JavaMethod method :
                WORKER.stream().flatMap(c -> c.getMethods().stream()).toList()) {
            if (!method.isAnnotatedWith(RabbitListener.class)) {
                continue;
            }
            RabbitListener listener = method.getAnnotationOfType(RabbitListener.class);
            Matcher queue = KIND_QUEUE.matcher(String.join(",", listener.queues()));
            if (!queue.find()) {
                otherIds.add(listener.id());
                continue;
            }
            CommandKind kind = CommandKind.valueOf(queue.group(1));
            assertThat(listener.id())
                    .as("listener id of %s, which consumes %s", method.getFullName(), kind)
                    .isEqualTo(kind.routingKey());
            listenersByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(method.getFullName());
        }

        for (CommandKind kind : CommandKind.values()) {
            assertThat(listenersByKind.get(kind))
                    .as("listeners of %s's queue", kind)
                    .hasSize(1);
        }
        // a listener that is no command kind's (the query answers, the dead letters) must not be paused
        assertThat(otherIds)
                .doesNotContainAnyElementsOf(Arrays.stream(CommandKind.values())
                        .map(CommandKind::routingKey)
                        .toList());
    }
}
