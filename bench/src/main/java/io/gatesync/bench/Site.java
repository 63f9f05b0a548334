package io.gatesync.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * A site's data for a run: people, a gate token and gate events with unique ids and rising times, plus the
 * database checks a run ends with. Person {@code i} has CNIC {@code 35202} followed by {@code i} in 8 digits.
 */
final class Site {

    private static final DateTimeFormatter DB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Cluster cluster;
    private final Http admin;
    private final String api;
    private final int people;
    private final Instant base;
    private final String runTag = Long.toString(System.nanoTime(), 36);

    Site(Cluster cluster, String apiUrl, int people, Instant base) {
        this.cluster = cluster;
        this.admin = Http.basic(Cluster.ADMIN, Cluster.ADMIN_PASSWORD);
        this.api = apiUrl;
        this.people = people;
        this.base = base;
    }

    static String cnic(int person) {
        return "35202" + String.format("%08d", person);
    }

    int people() {
        return people;
    }

    /** Creates the people through the api (a few at a time: each request checks the admin's BCrypt password). */
    void createPeople() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                int person = i;
                done.add(pool.submit(() -> admin.put(
                        api + "/api/people/" + cnic(person),
                        Map.of("name", "Bench Person " + person, "phone", "0300" + String.format("%07d", person)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A new gate's bearer token: gates authenticate by token, which costs far less than a password check. */
    String gateToken(String name) {
        return admin.post(api + "/zkteco/gates", Map.of("name", name))
                .get("token")
                .asString();
    }

    Http admin() {
        return admin;
    }

    /**
     * Event number {@code n}: person {@code n % people} in round {@code n / people}, entering on even rounds and
     * leaving on odd ones; a person's rounds are a second apart, as BioTime keeps punch times to the second (two
     * punches of one person in one second are one punch there); ids are unique to this run.
     */
    String event(long n, boolean entriesOnly) {
        int person = (int) (n % people);
        boolean entry = entriesOnly || (n / people) % 2 == 0;
        return "{\"eventId\":\"b-" + runTag + "-" + n + "\",\"cnic\":\"" + cnic(person) + "\",\"direction\":\""
                + (entry ? "ENTRY" : "EXIT") + "\",\"time\":\""
                + base.plusSeconds(n / people).plusMillis(person) + "\",\"gate\":\"G"
                + (person % 8) + "\"}";
    }

    /** Events {@code first .. first+count-1} as one JSON array, for the batch endpoint. */
    String batch(long first, int count, boolean entriesOnly) {
        StringBuilder json = new StringBuilder(count * 140).append('[');
        for (int k = 0; k < count; k++) {
            json.append(k == 0 ? "" : ",").append(event(first + k, entriesOnly));
        }
        return json.append(']').toString();
    }

    long count(String sql) throws SQLException {
        try (Connection c = cluster.db();
                var s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until {@code value} reaches {@code target}, or fails after {@code limit}. */
    static void await(String what, LongSupplier value, long target, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = value.getAsLong();
            if (last >= target) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + ": " + last + " of " + target + " after " + limit.toSeconds() + " s");
    }

    /** A time as the database's DATETIME(3) columns hold it (UTC), for a query's text. */
    static String db(Instant time) {
        return DB_TIME.format(time.atOffset(ZoneOffset.UTC));
    }

    /** One column of longs. */
    List<Long> longs(String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = cluster.db();
                var s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    LongSupplier counter(String sql) {
        return () -> {
            try {
                return count(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
