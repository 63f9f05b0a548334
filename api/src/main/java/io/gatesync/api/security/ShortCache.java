package io.gatesync.api.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Remembers look-ups (found or not) for a short while, so a gate posting thousands of events a second, or a busy
 * dashboard session, does not ask the database on every request. What changes in the database shows within
 * {@code ttl}. Bounded: when full, expired entries go, and if it is still full, all of them.
 */
final class ShortCache<K, V> {

    private record Entry<V>(Optional<V> value, long expiresAt) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ShortCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The remembered value, or {@code load}'s (which is remembered, an empty one too). */
    Mono<Optional<V>> get(K key, Supplier<Mono<Optional<V>>> load) {
        Entry<V> entry = entries.get(key);
        long now = System.nanoTime();
        if (entry != null && now - entry.expiresAt() < 0) {
            return Mono.just(entry.value());
        }
        return load.get().doOnNext(value -> put(key, value));
    }

    void removeIf(Predicate<V> which) {
        entries.values().removeIf(e -> e.value().filter(which).isPresent());
    }

    void remove(K key) {
        entries.remove(key);
    }

    private void put(K key, Optional<V> value) {
        if (ttlNanos == 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.expiresAt() >= 0);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, System.nanoTime() + ttlNanos));
    }
}
