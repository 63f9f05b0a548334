package io.gatesync.common.messaging;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts commands the broker confirmed, by kind: the api's outbox relay (changes, manual syncs, replays) and the
 * workers' periodic jobs publish through it, so published minus processed is what waits in the queues.
 */
public class PublishedCommands {

    private final MeterRegistry registry;

    public PublishedCommands(MeterRegistry registry) {
        this.registry = registry;
        for (CommandKind kind : CommandKind.values()) {
            confirmed(kind, 0); // at 0 from the start; OTHER (an unknown routing key) appears with its first
        }
    }

    public void confirmed(CommandKind kind, int count) {
        registry.counter("gatesync.commands.published", "kind", kind.name()).increment(count);
    }

    /** For rows that know only their routing key (the outbox); an unknown key is counted as {@code OTHER}. */
    public void confirmed(String routingKey, int count) {
        String kind = CommandKind.ofRoutingKey(routingKey).map(Enum::name).orElse("OTHER");
        registry.counter("gatesync.commands.published", "kind", kind).increment(count);
    }
}
