package io.gatesync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The load generator: POSTs JSON bodies to one URL, either as fast as {@code clients} concurrent clients can
 * (closed loop), or at a fixed rate whatever the answers' speed (open loop, latency counted from when the request
 * was due, so a stall is not hidden). Runs in the bench's own process, apart from the app it loads.
 */
final class Load {

    /** What a load run did: answers accepted, failed, wall time, latencies, and the first few failures by kind. */
    record Result(long ok, long failed, double seconds, Latencies.Summary latency, Map<String, Long> failures) {

        double perSecond() {
            return ok / seconds;
        }
    }

    private final HttpClient client;
    private final URI url;
    private final String authorization;
    private final Predicate<String> accepted;

    /** {@code accepted} judges a 2xx answer's body (e.g. a batch whose items were all accepted). */
    Load(String url, String authorization, Predicate<String> accepted) {
        // One connection per client: HTTP/1.1, as gates talk.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.url = URI.create(url);
        this.authorization = authorization;
        this.accepted = accepted;
    }

    /** Sends bodies 0..total-1 with {@code clients} requests in flight at any time. */
    Result closed(int clients, int total, IntFunction<String> body) throws InterruptedException {
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            sendNext(next, total, body, tally, done);
        }
        done.await();
        return tally.result(start);
    }

    private void sendNext(AtomicInteger next, int total, IntFunction<String> body, Tally tally, CountDownLatch done) {
        int i = next.getAndIncrement();
        if (i >= total) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        send(body.apply(i), sent, tally).whenComplete((ok, error) -> sendNext(next, total, body, tally, done));
    }

    /** Sends {@code rate} bodies a second for {@code duration}, due times evenly spaced. */
    Result open(double rate, Duration duration, IntFunction<String> body) throws InterruptedException {
        Tally tally = new Tally();
        int total = (int) (rate * duration.toMillis() / 1000);
        AtomicLong outstanding = new AtomicLong(total);
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        double interval = 1e9 / rate;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            send(body.apply(i), due, tally).whenComplete((ok, error) -> {
                if (outstanding.decrementAndGet() == 0) {
                    done.countDown();
                }
            });
        }
        done.await();
        return tally.result(start);
    }

    private java.util.concurrent.CompletableFuture<Boolean> send(String body, long due, Tally tally) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.GET(); // a null body: a plain GET, e.g. to measure what the HTTP stack alone does here
        } else {
            request.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            long took = System.nanoTime() - due;
            if (error != null) {
                tally.fail(error.getClass().getSimpleName());
                return false;
            }
            if (response.statusCode() / 100 != 2 || !accepted.test(response.body())) {
                tally.fail("HTTP " + response.statusCode());
                return false;
            }
            tally.ok(took);
            return true;
        });
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
            return new Result(ok.sum(), failed.sum(), (System.nanoTime() - start) / 1e9, latencies.summary(),
                    Map.copyOf(failures));
        }
    }
}
