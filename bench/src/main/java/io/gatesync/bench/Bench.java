package io.gatesync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks and writes {@code bench/results/<name>.json}, {@code bench/results/latest.md} and the table in
 * docs/benchmarks.md. Arguments: {@code --quick} (a tenth of the work, to try the harness), {@code --only ingest|sync|pull|reconcile} (pull: the
 * attendance pull alone, on the same setup as in sync), {@code --channel transaction-api|adms} (the budget runs of
 * one punch channel only), {@code --rounds N} (the pull: N rounds of the window pull then the pull by arrival, each on
 * days of its own, reported as medians: one round varies by a third on this machine). {@code BENCH_RABBITMQ_ADDRESSES} (as SPRING_RABBITMQ_ADDRESSES; {@code bin/bench --cluster}
 * sets it to the nodes of {@code bin/rabbit-cluster}) runs the apps on other RabbitMQ nodes than 127.0.0.1:5672;
 * the results then go to {@code *-cluster.json} and {@code latest-cluster.md}, and never into docs/benchmarks.md.
 * Run it with {@code bin/bench}, which builds first.
 */
public final class Bench {

    static final String VERSION = "0.1.0-SNAPSHOT";

    /**
     * What to run and where: the repository, a scale for the amounts, the scenarios, the punch channels the budget
     * runs use, the first of the ports used, the RabbitMQ nodes, and the pull's rounds.
     */
    record Options(
            Path repo,
            boolean quick,
            Set<String> only,
            List<String> channels,
            int basePort,
            String rabbitAddresses,
            int rounds) {

        static final String ONE_NODE = "127.0.0.1:5672";

        /** Whether the apps run on several RabbitMQ nodes (a cluster) rather than the local broker. */
        boolean onCluster() {
            return rabbitAddresses.contains(",");
        }

        /** The name of a result file: the cluster's runs apart from the single node's. */
        String result(String name) {
            return onCluster() ? name + "-cluster" : name;
        }

        int scaled(int amount) {
            return quick ? Math.max(1, amount / 10) : amount;
        }

        int port(int offset) {
            return basePort + offset;
        }

        boolean runs(String name) {
            return only.isEmpty() || only.contains(name);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> only = Set.of();
        List<String> channels = List.of("transaction-api", "adms");
        int rounds = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--channel" -> channels = List.of(args[++i].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i]
                                    + "; use --quick, --only ingest,sync,pull,reconcile, --channel transaction-api,adms and/or --rounds N");
            }
        }
        Options options = new Options(
                Path.of("").toAbsolutePath(),
                quick,
                only,
                channels,
                Integer.parseInt(System.getenv().getOrDefault("BENCH_BASE_PORT", "18000")),
                System.getenv().getOrDefault("BENCH_RABBITMQ_ADDRESSES", Options.ONE_NODE),
                rounds);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("started", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        results.put("quick", quick);
        results.put("rabbitmq", options.rabbitAddresses());
        try (Footprint footprint = new Footprint()) {
            if (options.runs("ingest")) {
                results.put("ingest", new IngestBench(options).run(footprint));
                write(options, "ingest", results.get("ingest"));
            }
            if (options.runs("sync")) {
                results.put("sync", new SyncBench(options).run(footprint));
                write(options, "sync", results.get("sync"));
            }
            if (options.only().contains("pull")) { // on its own only when asked: sync measures it too
                results.put("pull", PullBench.alone(options, footprint));
                write(options, "pull", results.get("pull"));
            }
            if (options.only().contains("reconcile")) { // only when asked: minutes of set-up for one figure
                results.put("reconcile", ReconcileBench.alone(options, footprint));
                write(options, "reconcile", results.get("reconcile"));
            }
            results.put("footprint", footprint.result());
            write(options, "footprint", results.get("footprint"));
        }
        write(options, "latest", results);
        String table = Report.markdown(results);
        Files.writeString(options.repo().resolve("bench/results/" + options.result("latest") + ".md"), table);
        if (!quick && options.only().isEmpty() && channels.size() == 2 && !options.onCluster()) {
            Report.intoPage(options.repo().resolve("docs/benchmarks.md"), table);
        }
        System.out.println(table);
    }

    private static void write(Options options, String name, Object value) throws Exception {
        Path dir = options.repo().resolve("bench/results");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(options.result(name) + ".json"),
                Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
    }

    static void log(String line) {
        System.out.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
