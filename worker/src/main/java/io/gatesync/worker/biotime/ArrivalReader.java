package io.gatesync.worker.biotime;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Reads the punches that reached BioTime after a known point, whatever their punch time: a terminal that was offline
 * uploads hours or months later, and BioTime filters only on punch time, so "new" means "an id not seen yet" (ids are
 * given on arrival). The list is asked newest arrival first ({@code ordering=-upload_time,-id}) and read until a page
 * reaches down to {@code floorId}. Each page's order is checked, since a server may ignore a sort it does not
 * know: one that answers in id order (the default) is read from its last page backwards instead; one in no order at
 * all is reported as such, and the caller falls back to punch-time windows.
 * <p>
 * Rows shift while paging over live data: new arrivals push the newest-first pages back (rows then come twice, and
 * are given twice: the importer dedupes by id), and never move a row to a page already read in id order (rows are
 * only added at its end). A row deleted meanwhile can pull one row to a page already read; the caller's floor
 * reaches a span below what it read last, so the next read finds it.
 */
public class ArrivalReader {

    /** How the server answered. */
    public enum Order {
        NEWEST_FIRST,
        ID_ORDER,
        NONE,
        EMPTY
    }

    /**
     * @param order  the order the server kept
     * @param newest the row with the highest id seen (null when the list is empty or unordered)
     * @param given  rows above the floor handed to the sink (a row read twice counts twice)
     */
    public record Result(Order order, Transaction newest, long given) {}

    static final String NEWEST_FIRST = "-upload_time,-id";

    private final BioTimeClient client;
    private final int pageSize;
    private final Executor readAhead;

    /** Reads each page after the one before was handed on. */
    public ArrivalReader(BioTimeClient client, int pageSize) {
        this(client, pageSize, Runnable::run);
    }

    /**
     * @param readAhead reads the next page while the sink takes the current one (BioTime answers while GateSync
     *                  stores)
     */
    public ArrivalReader(BioTimeClient client, int pageSize, Executor readAhead) {
        this.client = client;
        this.pageSize = pageSize;
        this.readAhead = readAhead;
    }

    /** Hands every page's rows with an id above {@code floorId} to {@code sink}. */
    public Result read(long floorId, Consumer<List<Transaction>> sink) {
        ListPage<Transaction> first = client.arrivals(NEWEST_FIRST, 1, pageSize);
        List<Transaction> rows = first.items();
        if (rows.isEmpty()) {
            return new Result(Order.EMPTY, null, 0);
        }
        if (newestFirst(rows)) {
            return readNewestFirst(first, floorId, sink);
        }
        if (idOrder(rows)) {
            return readFromTheEnd(first, floorId, sink);
        }
        return new Result(Order.NONE, null, 0);
    }

    /**
     * The transaction with the highest id BioTime has, whether it honours the sort or answers in id order: the
     * first and the last row of the list, one row a page, two requests.
     */
    public Optional<Transaction> highest() {
        ListPage<Transaction> first = client.arrivals(NEWEST_FIRST, 1, 1);
        if (first.items().isEmpty() || first.count() == null || first.count() <= 1) {
            return first.items().stream().findFirst();
        }
        List<Transaction> last = client.arrivals(NEWEST_FIRST, (int) Math.min(first.count(), Integer.MAX_VALUE), 1)
                .items();
        return java.util.stream.Stream.concat(first.items().stream(), last.stream())
                .max(java.util.Comparator.comparingLong(Transaction::id));
    }

    private Result readNewestFirst(ListPage<Transaction> first, long floorId, Consumer<List<Transaction>> sink) {
        Transaction newest = null;
        long given = 0;
        long read = 0;
        ListPage<Transaction> page = first;
        for (int number = 1; ; number++) {
            List<Transaction> rows = page.items();
            read += rows.size();
            newest = newest(newest, rows);
            List<Transaction> above =
                    rows.stream().filter(t -> t.id() > floorId).toList();
            // a row at or below the floor: every row after it arrived before it (ids are given on arrival)
            boolean last = above.size() < rows.size() || page.isLast(read);
            CompletableFuture<ListPage<Transaction>> next = last ? null : ahead(number + 1);
            if (!above.isEmpty()) {
                sink.accept(above);
                given += above.size();
            }
            if (last) {
                return new Result(Order.NEWEST_FIRST, newest, given);
            }
            page = await(next);
        }
    }

    private CompletableFuture<ListPage<Transaction>> ahead(int number) {
        return CompletableFuture.supplyAsync(() -> client.arrivals(NEWEST_FIRST, number, pageSize), readAhead);
    }

    /** The page read ahead, or its failure as the client threw it. */
    private static ListPage<Transaction> await(CompletableFuture<ListPage<Transaction>> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Id order (oldest first): the newest arrivals are on the last pages, which arrivals only add to. */
    private Result readFromTheEnd(ListPage<Transaction> first, long floorId, Consumer<List<Transaction>> sink) {
        long count = first.count() == null ? first.items().size() : first.count();
        int size = first.items().size(); // the server's page size, which may be below the one asked
        int last = (int) Math.max(1, (count + size - 1) / size);
        Transaction newest = null;
        long given = 0;
        CompletableFuture<ListPage<Transaction>> next = last == 1 ? null : ahead(last);
        for (int number = last; number >= 1; number--) {
            List<Transaction> rows = number == 1 ? first.items() : await(next).items();
            newest = newest(newest, rows);
            List<Transaction> above =
                    rows.stream().filter(t -> t.id() > floorId).toList();
            // this page reaches down to the floor: the pages before it are older still
            boolean done = above.size() < rows.size();
            next = done || number <= 2 ? null : ahead(number - 1);
            if (!above.isEmpty()) {
                sink.accept(above);
                given += above.size();
            }
            if (done) {
                break;
            }
        }
        return new Result(Order.ID_ORDER, newest, given);
    }

    private static Transaction newest(Transaction current, List<Transaction> rows) {
        for (Transaction t : rows) {
            if (current == null || t.id() > current.id()) {
                current = t;
            }
        }
        return current;
    }

    /** Upload times never rise down the page, and a tie keeps ids falling. */
    static boolean newestFirst(List<Transaction> rows) {
        for (int i = 1; i < rows.size(); i++) {
            Transaction before = rows.get(i - 1);
            Transaction after = rows.get(i);
            int byUpload = compare(before.uploadTime(), after.uploadTime());
            if (byUpload < 0 || byUpload == 0 && before.id() < after.id()) {
                return false;
            }
        }
        return true;
    }

    static boolean idOrder(List<Transaction> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1).id() > rows.get(i).id()) {
                return false;
            }
        }
        return true;
    }

    /** BioTime's "yyyy-MM-dd HH:mm:ss" texts sort as their times; a missing one sorts first. */
    private static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
