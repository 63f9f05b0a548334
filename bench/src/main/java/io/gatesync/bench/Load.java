package io.gatesync.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The load generator: POSTs JSON bodies to one URL, either as fast as {@code clients} concurrent clients can
 * (closed loop), or at a fixed rate whatever the answers' speed (open loop, latency counted from when the request
 * was due, so a stall is not hidden). Runs in the bench's own process, apart from the app it loads.
 * <p>
 * Each client is a thread with one keep-alive HTTP/1.1 connection, as a gate has, writing a request and reading its
 * answer with blocking calls. {@code java.net.http}, used before, spent about 0.4 ms of CPU per request here (its
 * selector thread and executor hand every request across threads, and each hand-over is system calls): a third of
 * this 2-core machine at 1,000 requests/s, taken from the app it measures.
 */
final class Load {

    /** What a load run did: answers accepted, failed, wall time, latencies, and the first few failures by kind. */
    record Result(long ok, long failed, double seconds, Latencies.Summary latency, Map<String, Long> failures) {

        double perSecond() {
            return ok / seconds;
        }
    }

    /** Clients of an open-loop run: requests due while all are busy wait (and that wait counts as latency). */
    private static final int OPEN_LOOP_CLIENTS = 256;

    private static final int TIMEOUT_MS = 30_000;

    private final URI url;
    private final String authorization;
    private final Predicate<String> accepted;

    /** {@code accepted} judges a 2xx answer's body (e.g. a batch whose items were all accepted). */
    Load(String url, String authorization, Predicate<String> accepted) {
        this.url = URI.create(url);
        this.authorization = authorization;
        this.accepted = accepted;
    }

    /** Sends bodies 0..total-1 with {@code clients} requests in flight at any time. */
    Result closed(int clients, int total, IntFunction<String> body) throws InterruptedException {
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(started("load-" + c, () -> {
                try (Client client = new Client()) {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        client.send(body.apply(i), System.nanoTime(), tally);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return tally.result(start);
    }

    /** Sends {@code rate} bodies a second for {@code duration}, due times evenly spaced. */
    Result open(double rate, Duration duration, IntFunction<String> body) throws InterruptedException {
        Tally tally = new Tally();
        int total = (int) (rate * duration.toMillis() / 1000);
        BlockingQueue<long[]> due = new LinkedBlockingQueue<>(); // {index, due time}; index -1: stop
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < OPEN_LOOP_CLIENTS; c++) {
            threads.add(started("load-" + c, () -> {
                try (Client client = new Client()) {
                    for (long[] request = take(due); request[0] >= 0; request = take(due)) {
                        client.send(body.apply((int) request[0]), request[1], tally);
                    }
                }
            }));
        }
        long start = System.nanoTime();
        double interval = 1e9 / rate;
        for (int i = 0; i < total; i++) {
            long at = start + (long) (i * interval);
            long wait = at - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            due.add(new long[] {i, at});
        }
        for (int c = 0; c < OPEN_LOOP_CLIENTS; c++) {
            due.add(new long[] {-1, 0});
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return tally.result(start);
    }

    private static Thread started(String name, Runnable client) {
        Thread thread = new Thread(client, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static long[] take(BlockingQueue<long[]> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {-1, 0};
        }
    }

    /** One keep-alive connection, opened on first use and again after an error or a {@code Connection: close}. */
    private final class Client implements AutoCloseable {

        private Socket socket;
        private InputStream in;
        private OutputStream out;

        void send(String body, long due, Tally tally) {
            try {
                Answer answer = exchange(body);
                long took = System.nanoTime() - due;
                if (answer.status() / 100 != 2 || !accepted.test(answer.body())) {
                    tally.fail("HTTP " + answer.status());
                } else {
                    tally.ok(took);
                }
            } catch (IOException | RuntimeException e) {
                tally.fail(e.getClass().getSimpleName());
                close();
            }
        }

        /**
         * Sends and reads the answer. A kept-alive connection the server closed meanwhile fails before any answer
         * arrives; then the request is sent once more on a new connection (as HTTP clients do; an event id sent
         * twice is recorded once).
         */
        private Answer exchange(String body) throws IOException {
            boolean reused = socket != null;
            try {
                return exchangeOnce(body);
            } catch (StaleConnectionException e) {
                close();
                if (!reused) {
                    throw e;
                }
                return exchangeOnce(body);
            }
        }

        private Answer exchangeOnce(String body) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
                socket.setSoTimeout(TIMEOUT_MS);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = socket.getOutputStream();
            }
            byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256)
                    .append(content == null ? "GET " : "POST ")
                    .append(url.getRawPath())
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(url.getHost())
                    .append(':')
                    .append(url.getPort())
                    .append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (content != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(content.length)
                        .append("\r\n");
            }
            byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = headBytes;
            if (content != null) {
                request = new byte[headBytes.length + content.length];
                System.arraycopy(headBytes, 0, request, 0, headBytes.length);
                System.arraycopy(content, 0, request, headBytes.length, content.length);
            }
            try {
                out.write(request); // one write, one segment when it fits
                out.flush();
            } catch (IOException e) {
                throw new StaleConnectionException(e);
            }
            return read();
        }

        /** The status and body of one answer (Content-Length or chunked). */
        private Answer read() throws IOException {
            String statusLine;
            try {
                statusLine = line();
            } catch (java.net.SocketException e) {
                throw new StaleConnectionException(e); // reset before a byte of the answer
            }
            if (statusLine == null) {
                throw new StaleConnectionException(new IOException("connection closed before the answer"));
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closes = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(length > 0 ? (int) length : 256);
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
                        size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    copy(size, content);
                    line(); // the CRLF after each chunk
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers: none expected, skipped
                }
            } else if (length > 0) {
                copy(length, content);
            }
            if (closes) {
                close();
            }
            return new Answer(status, content.toString(StandardCharsets.UTF_8));
        }

        private void copy(long count, ByteArrayOutputStream to) throws IOException {
            byte[] buffer = new byte[(int) Math.min(count, 16 * 1024)];
            for (long left = count; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(left, buffer.length));
                if (n < 0) {
                    throw new IOException("connection closed in the middle of an answer");
                }
                to.write(buffer, 0, n);
                left -= n;
            }
        }

        /** A header line without its CRLF; null at the end of the stream. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return line.length() == 0 ? null : line.toString();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    private record Answer(int status, String body) {}

    /** The connection failed before any of the answer arrived. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Latencies latencies = new Latencies();
        final Map<String, Long> failures = new ConcurrentHashMap<>();

        void ok(long nanos) {
            ok.increment();
            latencies.record(nanos);
        }

        void fail(String kind) {
            failed.increment();
            failures.merge(kind, 1L, Long::sum);
        }

        Result result(long start) {
            return new Result(
                    ok.sum(),
                    failed.sum(),
                    (System.nanoTime() - start) / 1e9,
                    latencies.summary(),
                    Map.copyOf(failures));
        }
    }
}
