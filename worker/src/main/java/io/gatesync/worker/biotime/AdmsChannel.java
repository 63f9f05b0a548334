package io.gatesync.worker.biotime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.gatesync.common.config.ZktecoProperties;

/**
 * {@code adms}: GateSync acts as a terminal and uploads {@code ATTLOG} lines to {@code /iclock/cdata}, the way real
 * devices deliver punches, many per request. Pushes from concurrent consumer threads that arrive within
 * {@code linger} of each other are sent together; BioTime answers only "OK", so the batch's transaction ids are
 * read back in one list request by terminal serial number and time span, and each caller gets its own.
 */
public class AdmsChannel implements PunchChannel {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final PunchLookup lookup;
    private final String terminalSn;
    private final int pageSize;
    private final int maxBatch;
    private final Duration linger;
    private Batch open; // guarded by this

    public AdmsChannel(BioTimeClient client, BioTimeClock clock, PunchLookup lookup, ZktecoProperties settings,
            int maxBatch, Duration linger) {
        this.client = client;
        this.clock = clock;
        this.lookup = lookup;
        this.terminalSn = settings.terminalSn();
        this.pageSize = settings.pageSize();
        this.maxBatch = maxBatch;
        this.linger = linger;
    }

    @Override
    public long push(Punch punch) {
        return pushAll(List.of(punch)).get(0);
    }

    @Override
    public List<Long> pushAll(List<Punch> punches) {
        List<Long> ids = new ArrayList<>(punches.size());
        for (int from = 0; from < punches.size(); from += maxBatch) {
            ids.addAll(upload(punches.subList(from, Math.min(punches.size(), from + maxBatch))));
        }
        return ids;
    }

    /** Entry logs a consumer takes at once: up to two punches each, so about one upload. */
    @Override
    public int batchSize() {
        return Math.max(1, maxBatch / 2);
    }

    /** Joins the open upload (or opens one and, after the linger, sends it); returns these punches' ids. */
    private List<Long> upload(List<Punch> mine) {
        Batch batch;
        boolean leader;
        int first;
        synchronized (this) {
            leader = open == null;
            if (leader) {
                open = new Batch();
            }
            batch = open;
            first = batch.punches.size();
            batch.punches.addAll(mine);
            if (batch.punches.size() >= maxBatch) {
                open = null; // full: later pushes start the next batch
                notifyAll();
            }
        }
        if (leader) {
            synchronized (this) {
                long until = System.nanoTime() + linger.toNanos();
                while (open == batch && System.nanoTime() < until) {
                    waitNanos(until - System.nanoTime());
                }
                if (open == batch) {
                    open = null;
                }
            }
            batch.send();
        }
        try {
            return batch.result.join().subList(first, first + mine.size());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public Optional<Long> find(Punch punch) {
        return lookup.find(punch);
    }

    /**
     * Read in one list request over the punches' time span instead of one lookup each (a failed upload leaves a
     * batch's worth to check). All terminals: a push may have started on another channel before a switch.
     */
    @Override
    public List<Optional<Long>> findAll(List<Punch> punches) {
        if (punches.size() == 1) {
            return List.of(find(punches.get(0)));
        }
        Map<String, Long> ids = transactions(punches, null);
        return punches.stream().map(p -> Optional.ofNullable(ids.get(key(p)))).toList();
    }

    /** BioTime's transactions over the punches' time span, from one terminal or (null) all, by {@link #key}. */
    private Map<String, Long> transactions(List<Punch> punches, String terminal) {
        Instant from = punches.stream().map(Punch::time).min(Instant::compareTo).orElseThrow();
        Instant to = punches.stream().map(Punch::time).max(Instant::compareTo).orElseThrow();
        Map<String, Long> ids = new HashMap<>();
        for (int page = 1;; page++) {
            ListPage<Transaction> rows;
            try {
                rows = client.transactions(null, terminal, clock.format(from), clock.format(to), page, pageSize);
            } catch (BioTimeException e) {
                if (e.status() == 404 && page > 1) {
                    return ids; // a page past the last is "Invalid page." (BioTime's Django paging), not an error
                }
                throw e;
            }
            for (Transaction t : rows.items()) {
                ids.merge(t.empCode() + '|' + t.punchTime() + '|' + t.punchState(), t.id(), Math::max);
            }
            boolean last = rows.count() != null ? (long) page * pageSize >= rows.count()
                    : rows.items().size() < pageSize;
            if (last) {
                return ids;
            }
        }
    }

    private String key(Punch p) {
        return p.empCode() + '|' + clock.format(p.time()) + '|' + p.state();
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Batch {
        final List<Punch> punches = new ArrayList<>();
        final CompletableFuture<List<Long>> result = new CompletableFuture<>();

        void send() {
            try {
                StringBuilder lines = new StringBuilder();
                for (Punch p : punches) {
                    // PIN, time, status, verify (0 = password/none), work code
                    lines.append(p.empCode()).append('\t').append(clock.format(p.time())).append('\t')
                            .append(p.state()).append("\t0\t0\n");
                }
                String answer = client.uploadAttlog(terminalSn, lines.toString());
                if (answer == null || !answer.trim().startsWith("OK")) {
                    throw BioTimeException.permanent("ADMS upload refused: " + answer, 200, answer);
                }
                result.complete(readBackIds());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private List<Long> readBackIds() {
            Map<String, Long> ids = transactions(punches, terminalSn);
            List<Long> found = new ArrayList<>(punches.size());
            for (Punch p : punches) {
                Long id = ids.get(key(p));
                if (id == null) {
                    throw BioTimeException.notYetVisible("ADMS upload accepted but punch of " + p.empCode() + " at "
                            + clock.format(p.time()) + " not visible yet");
                }
                found.add(id);
            }
            return found;
        }
    }
}
