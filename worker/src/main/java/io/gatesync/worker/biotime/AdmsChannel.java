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
        Batch batch;
        boolean leader;
        int index;
        synchronized (this) {
            leader = open == null;
            if (leader) {
                open = new Batch();
            }
            batch = open;
            index = batch.punches.size();
            batch.punches.add(punch);
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
            return batch.result.join().get(index);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public Optional<Long> find(Punch punch) {
        return lookup.find(punch);
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
            Instant from = punches.stream().map(Punch::time).min(Instant::compareTo).orElseThrow();
            Instant to = punches.stream().map(Punch::time).max(Instant::compareTo).orElseThrow();
            Map<String, Long> ids = new HashMap<>();
            for (int page = 1;; page++) {
                ListPage<Transaction> rows = client.transactions(null, terminalSn, clock.format(from),
                        clock.format(to), page, pageSize);
                for (Transaction t : rows.items()) {
                    ids.merge(key(t.empCode(), t.punchTime(), t.punchState()), t.id(), Math::max);
                }
                if (rows.items().size() < pageSize) {
                    break;
                }
            }
            List<Long> found = new ArrayList<>(punches.size());
            for (Punch p : punches) {
                Long id = ids.get(key(p.empCode(), clock.format(p.time()), Integer.toString(p.state())));
                if (id == null) {
                    throw BioTimeException.notYetVisible("ADMS upload accepted but punch of " + p.empCode() + " at "
                            + clock.format(p.time()) + " not visible yet");
                }
                found.add(id);
            }
            return found;
        }

        private static String key(String empCode, String time, String state) {
            return empCode + '|' + time + '|' + state;
        }
    }
}
