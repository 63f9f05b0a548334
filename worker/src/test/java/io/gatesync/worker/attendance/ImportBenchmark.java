package io.gatesync.worker.attendance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.Transaction;

/**
 * The pull's import alone, in one process, without BioTime, HTTP or a fresh worker beside it: the bench's day of
 * punches (200 people, 500 punches each, check-in and check-out alternating, one terminal) handed to
 * {@link AttendanceImporter} in pages of 5,000, once in punch-time order (as a window pull reads) and once newest
 * arrival first (as the pull by arrival reads), each going first in every other round, for {@code -Drounds=N} rounds
 * on days of their own. Prints punches/s, this JVM's CPU and the database server's CPU (MariaDB or MySQL, from
 * /proc, when it runs here) per 100,000 punches. Run by {@code bin/bench-import} with the worker's JVM flags; not a
 * test (its name keeps it out of {@code bin/test}) but a figure: the end-to-end bench ({@code bin/bench --only pull})
 * moves by a quarter from run to run on this shared machine, this by a few percent, so a change to the importer is
 * measured here first.
 */
class ImportBenchmark {

    private static final int PEOPLE = 200;
    private static final int PUNCHES = 100_000;
    private static final int PAGE = 5_000;

    private record Round(String order, double perSecond, double seconds, double jvmCpu, double dbCpu) {}

    @Test
    void importSpeed() throws IOException {
        int rounds = Integer.getInteger("rounds", 3);
        List<Round> results = new ArrayList<>();
        try (AttendanceDatabase data = new AttendanceDatabase()) {
            List<String> cnics = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                String cnic = "35202" + String.format("%08d", i);
                data.db.update(
                        "INSERT INTO people (cnic, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                        cnic,
                        "Person " + i,
                        DbTime.now(),
                        DbTime.now());
                cnics.add(cnic);
            }
            AttendanceImporter importer = data.importer();
            long[] nextId = {1};
            LocalDate day = LocalDate.of(2026, 1, 1);
            for (int r = 0; r < rounds; r++) {
                // the tables grow round by round, and each read costs a little more: the order that goes first
                // alternates
                for (boolean newestFirst : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    List<Transaction> punches = day(cnics, day.atStartOfDay(), nextId);
                    day = day.plusDays(1);
                    if (newestFirst) {
                        Collections.reverse(punches); // ids are given on arrival: the newest has the highest
                    }
                    results.add(run(importer, punches, newestFirst ? "by arrival" : "by time"));
                    System.out.println(results.get(results.size() - 1));
                }
            }
        }
        report(results);
    }

    /** The bench's day: person p's punches alternate check-in, check-out, spread evenly (PullBench.inject). */
    private static List<Transaction> day(List<String> cnics, LocalDateTime start, long[] nextId) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        int perPerson = PUNCHES / cnics.size();
        long step = 86_000L / perPerson;
        List<Transaction> punches = new ArrayList<>();
        for (int i = 0; i < perPerson * cnics.size(); i++) {
            int person = i % cnics.size();
            int round = i / cnics.size();
            punches.add(Transaction.of(
                    nextId[0]++,
                    cnics.get(person),
                    start.plusSeconds(round * step + person % 60).format(format),
                    Integer.toString(round % 2),
                    "BENCH0001"));
        }
        return punches;
    }

    private static Round run(AttendanceImporter importer, List<Transaction> punches, String order) {
        long db = mariadbTicks();
        long cpu = jvmCpuNanos();
        long start = System.nanoTime();
        ImportCounts counts = importer.importRead(imported -> {}, pages -> {
                    for (int i = 0; i < punches.size(); i += PAGE) {
                        pages.accept(punches.subList(i, Math.min(punches.size(), i + PAGE)));
                    }
                    return null;
                })
                .counts();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (counts.imported() != punches.size()) {
            throw new IllegalStateException("imported " + counts.describe() + " of " + punches.size());
        }
        double per100k = 100_000.0 / punches.size();
        return new Round(
                order,
                punches.size() / seconds,
                seconds,
                (jvmCpuNanos() - cpu) / 1e9 * per100k,
                db < 0 ? Double.NaN : (mariadbTicks() - db) / 100.0 * per100k);
    }

    private static void report(List<Round> results) throws IOException {
        StringBuilder table = new StringBuilder(
                "| order | punches/s (median) | JVM CPU s / 100k | database CPU s / 100k | rounds |\n|---|---|---|---|---|\n");
        StringBuilder json = new StringBuilder("{\"rounds\": [");
        for (String order : List.of("by time", "by arrival")) {
            List<Round> of =
                    results.stream().filter(r -> r.order().equals(order)).toList();
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.2f | %.2f | %d |%n",
                    order,
                    median(of.stream().map(Round::perSecond).toList()),
                    median(of.stream().map(Round::jvmCpu).toList()),
                    median(of.stream().map(Round::dbCpu).toList()),
                    of.size()));
        }
        for (int i = 0; i < results.size(); i++) {
            Round r = results.get(i);
            json.append(String.format(
                    Locale.ROOT,
                    "%s{\"order\": \"%s\", \"per_s\": %.0f, \"seconds\": %.3f, \"jvm_cpu_s\": %.3f, \"db_cpu_s\": %.3f}",
                    i == 0 ? "" : ", ",
                    r.order(),
                    r.perSecond(),
                    r.seconds(),
                    r.jvmCpu(),
                    Double.isNaN(r.dbCpu()) ? -1 : r.dbCpu()));
        }
        json.append("]}\n");
        System.out.println(table);
        Path out = Path.of("target", "import-benchmark");
        Files.createDirectories(out);
        Files.writeString(out.resolve("import.md"), table);
        Files.writeString(out.resolve("import.json"), json);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** MariaDB's CPU ticks (1/100 s) from /proc, or -1 when it does not run on this machine. */
    private static long mariadbTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            Optional<Path> mariadb = processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String command = Files.readString(p.resolve("cmdline"));
                            return command.contains("mariadbd") || command.contains("mysqld");
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .findFirst();
            if (mariadb.isEmpty()) {
                return -1;
            }
            String[] stat = Files.readString(mariadb.get().resolve("stat")).split(" ");
            return Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
