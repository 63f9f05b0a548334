package io.gatesync.worker.biotime;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads every punch of a time window exactly once, although BioTime pages by number over live data: rows
 * inserted while paging shift later pages (a row is then read twice, and dropped by id) or land on pages already
 * read (the window's count then exceeds what was seen, and the window is read again, keeping only new ids).
 */
public class TransactionReader {

    private static final int MAX_PASSES = 5;

    private final BioTimeClient client;
    private final int pageSize;

    public TransactionReader(BioTimeClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /**
     * Hands each page's new punches to {@code sink}, oldest first; returns how many there were.
     * {@code start}/{@code end} are BioTime wall-clock times, both inclusive.
     */
    public int read(String start, String end, Consumer<List<Transaction>> sink) {
        Set<Long> seen = new HashSet<>();
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            long count = 0;
            long read = 0;
            for (int page = 1; ; page++) {
                ListPage<Transaction> rows;
                try {
                    rows = client.transactions(null, null, start, end, page, pageSize);
                } catch (BioTimeException e) {
                    if (e.status() == 404 && page > 1) {
                        break; // the last page vanished (rows deleted while paging)
                    }
                    throw e;
                }
                count = rows.count() == null ? count : rows.count();
                read += rows.items().size();
                List<Transaction> fresh =
                        rows.items().stream().filter(t -> seen.add(t.id())).toList();
                if (!fresh.isEmpty()) {
                    sink.accept(fresh);
                }
                if (rows.isLast(read)) {
                    break; // by count, not by a short page: a server may cap page_size
                }
            }
            if (count <= seen.size()) {
                return seen.size();
            }
        }
        throw BioTimeException.notYetVisible("Transactions " + start + " – " + end + " kept changing while being read");
    }
}
