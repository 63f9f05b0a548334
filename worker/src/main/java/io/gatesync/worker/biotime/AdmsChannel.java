package io.gatesync.worker.biotime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.gatesync.common.config.ZktecoProperties;

/**
 * {@code adms}: GateSync acts as a terminal and uploads {@code ATTLOG} lines to {@code /iclock/cdata}, the way real
 * devices deliver punches, many per request. Pushes from concurrent consumer threads that arrive within
 * {@code linger} of each other are sent together. BioTime answers {@code OK:<lines stored>}; the batch's transaction
 * ids are read back in one list request by terminal serial number and time span, and each caller gets its own. A
 * line BioTime did not store (its unique key: one punch per person and second) is looked up in its second on every
 * terminal, and comes back as {@link PushResult.SecondTaken}.
 * <p>
 * BioTime keeps nothing a terminal in its "Not Authorized" pseudo-area uploads, so no upload is made while GateSync's
 * terminal is there ({@link GateSyncTerminal#requireAuthorized}): the punches wait, not counted, until an admin
 * assigns the terminal an area.
 */
public class AdmsChannel implements PunchChannel {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final PunchLookup lookup;
    private final GateSyncTerminal terminal;
    private final int verifyType;
    private final int pageSize;
    private final int maxBatch;
    private final Duration linger;
    private Batch open; // guarded by this

    public AdmsChannel(
            BioTimeClient client,
            BioTimeClock clock,
            PunchLookup lookup,
            GateSyncTerminal terminal,
            ZktecoProperties settings,
            int maxBatch,
            Duration linger) {
        this.client = client;
        this.clock = clock;
        this.lookup = lookup;
        this.terminal = terminal;
        this.verifyType = settings.verifyType();
        this.pageSize = settings.pageSize();
        this.maxBatch = maxBatch;
        this.linger = linger;
    }

    @Override
    public PushResult push(Punch punch) {
        return pushAll(List.of(punch)).get(0);
    }

    @Override
    public List<PushResult> pushAll(List<Punch> punches) {
        try {
            terminal.requireAuthorized();
        } catch (BioTimeException e) {
            throw e.beforeSending(); // nothing was uploaded: the next try need not look these punches up
        }
        List<PushResult> results = new ArrayList<>(punches.size());
        for (int from = 0; from < punches.size(); from += maxBatch) {
            results.addAll(upload(punches.subList(from, Math.min(punches.size(), from + maxBatch))));
        }
        return results;
    }

    /** Entry logs a consumer takes at once: up to two punches each, so about one upload. */
    @Override
    public int batchSize() {
        return Math.max(1, maxBatch / 2);
    }

    /** Joins the open upload (or opens one and, after the linger, sends it); returns these punches' results. */
    private List<PushResult> upload(List<Punch> mine) {
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

    /**
     * Read in one list request over the punches' time span instead of one lookup each (a failed upload leaves a
     * batch's worth to check). All terminals: a push may have started on another channel before a switch.
     */
    @Override
    public List<Optional<HeldPunch>> findAll(List<Punch> punches) {
        if (punches.size() == 1) {
            return List.of(lookup.find(punches.get(0)));
        }
        Map<String, Transaction> held = transactions(punches, null);
        return punches.stream()
                .map(p -> Optional.ofNullable(held.get(key(p))).map(this::held))
                .toList();
    }

    private HeldPunch held(Transaction t) {
        return new HeldPunch(
                t.id(),
                t.state(),
                terminal.sn().equals(t.terminalSn()),
                t.linked().orElse(null));
    }

    /** BioTime's transactions over the punches' time span, from one terminal or (null) all, by {@link #key}. */
    private Map<String, Transaction> transactions(List<Punch> punches, String terminalSn) {
        Instant from = punches.stream().map(Punch::time).min(Instant::compareTo).orElseThrow();
        Instant to = punches.stream().map(Punch::time).max(Instant::compareTo).orElseThrow();
        Map<String, Transaction> rows = new HashMap<>();
        long read = 0;
        for (int page = 1; ; page++) {
            ListPage<Transaction> list;
            try {
                list = client.transactions(
                        null,
                        terminalSn,
                        clock.format(PunchLookup.second(from)),
                        clock.format(PunchLookup.second(to).plusSeconds(1)),
                        page,
                        pageSize);
            } catch (BioTimeException e) {
                if (e.status() == 404 && page > 1) {
                    return rows; // a page past the last is "Invalid page." (BioTime's Django paging), not an error
                }
                throw e;
            }
            read += list.items().size();
            for (Transaction t : list.items()) {
                String key = key(t);
                if (key != null) {
                    rows.putIfAbsent(key, t);
                }
            }
            if (list.isLast(read)) {
                return rows;
            }
        }
    }

    /** A person and a second, as BioTime's unique key has them. */
    private String key(Punch p) {
        return p.empCode() + '|' + clock.format(p.time());
    }

    private String key(Transaction t) {
        String at = clock.wallClock(t.punchTime());
        return at == null ? null : t.empCode() + '|' + at;
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code OK:<n>} or {@code OK: <n>}: how many lines BioTime stored; null for a bare {@code OK}. */
    static Integer storedCount(String answer) {
        String text = answer.trim();
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return Integer.valueOf(text.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private final class Batch {
        final List<Punch> punches = new ArrayList<>();
        final CompletableFuture<List<PushResult>> result = new CompletableFuture<>();

        void send() {
            try {
                StringBuilder lines = new StringBuilder();
                for (Punch p : punches) {
                    // PIN, time, status, verify, work code
                    lines.append(p.empCode())
                            .append('\t')
                            .append(clock.format(p.time()))
                            .append('\t')
                            .append(p.state())
                            .append('\t')
                            .append(verifyType)
                            .append("\t0\n");
                }
                String answer = client.uploadAttlog(terminal.sn(), lines.toString());
                if (answer == null || !answer.trim().startsWith("OK")) {
                    throw BioTimeException.permanent("ADMS upload refused: " + answer, 200, answer);
                }
                result.complete(readBack(storedCount(answer)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        /**
         * Each punch's row on GateSync's terminal; for a line BioTime did not store ({@code stored} below the lines
         * sent), what holds its person's second on any terminal.
         */
        private List<PushResult> readBack(Integer stored) {
            Map<String, Transaction> ours = transactions(punches, terminal.sn());
            boolean someRefused = stored != null && stored < punches.size();
            List<PushResult> results = new ArrayList<>(punches.size());
            for (Punch p : punches) {
                Transaction row = ours.get(key(p));
                if (row != null && Objects.equals(row.state(), p.state())) {
                    results.add(new PushResult.Stored(row.id()));
                } else if (row != null) {
                    results.add(new PushResult.SecondTaken(Optional.of(held(row))));
                } else if (someRefused) {
                    Optional<HeldPunch> held = lookup.find(p);
                    results.add(
                            held.isPresent() ? new PushResult.SecondTaken(held) : new PushResult.Failed(notVisible(p)));
                } else {
                    results.add(new PushResult.Failed(notVisible(p)));
                }
            }
            return results;
        }

        private BioTimeException notVisible(Punch p) {
            return BioTimeException.notYetVisible("ADMS upload accepted but punch of " + p.empCode() + " at "
                    + clock.format(p.time()) + " not visible yet");
        }
    }
}
