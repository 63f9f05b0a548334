package io.gatesync.bench;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes a benchmark drives: the BioTime simulator, the api and workers, each a {@code java -jar} of the
 * module's exec jar, all on one fresh database and one fresh queue prefix, so a run never sees another's data.
 * Everything started is stopped on {@link #close()} (and by a shutdown hook if the bench is interrupted).
 */
final class Cluster implements AutoCloseable {

    static final String JDBC_OPTIONS = "createDatabaseIfNotExist=true&rewriteBatchedStatements=true&useSSL=false"
            + "&allowPublicKeyRetrieval=true";
    static final String ADMIN = "bench-admin";
    static final String ADMIN_PASSWORD = "bench-admin-password";
    /**
     * A worker's JVM here and in the container images (docker-compose.yml, deploy/k8s/worker.yaml; DeploymentFilesTest
     * keeps them equal): its goal is under 300 MB resident when busy. A worker mostly waits on BioTime, so a small heap
     * and the serial collector (no G1 region tables, about 40 MB here) cost nothing in throughput; and C1 alone
     * (TieredStopAtLevel=1: no C2 compiler threads, their arenas and their larger code) took the busy worker from
     * 308 to 248 MiB, and was faster here too, with no C2 compilations competing for the 2 cores.
     */
    static final String WORKER_JVM =
            "-Xmx112m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    /** One started process; its resident memory is read from /proc. */
    record Proc(String name, Process process, int port, Path log) {

        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Resident set size in MiB (VmRSS), or -1 once the process has gone. */
        double rssMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process ended
            }
            return -1;
        }
    }

    private final Path repo;
    private final Path logs;
    private final String database;
    private final String prefix;
    private final String rabbitAddresses;
    private final List<Proc> running = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll);

    Cluster(Path repo, String name, String rabbitAddresses) throws SQLException {
        this.repo = repo;
        this.rabbitAddresses = rabbitAddresses;
        this.logs = repo.resolve("bench/target/logs");
        this.database = "gatesync_bench_" + name;
        this.prefix = "bench-" + name + "-" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection c = root();
                var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A connection to the run's database, for setting up and checking what the apps wrote. */
    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + database + "?" + JDBC_OPTIONS, "root", "");
    }

    /** The RabbitMQ nodes the apps use, as SPRING_RABBITMQ_ADDRESSES takes them. */
    String rabbitAddresses() {
        return rabbitAddresses;
    }

    /** The run's work queue of one command kind ({prefix}.{routing key}, as the apps' topology names it). */
    String queue(String routingKey) {
        return prefix + "." + routingKey;
    }

    private static Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?" + JDBC_OPTIONS, "root", "");
    }

    /** The simulator set up as a site is: after BioTime's "Not Authorized" area 1, an area for staff and one for gates. */
    Proc startSim(int port) throws Exception {
        return start(
                "biotime-sim",
                "biotime-sim/target/biotime-sim-" + Bench.VERSION + "-exec.jar",
                port,
                "-Xmx768m -XX:+ExitOnOutOfMemoryError",
                Map.of("SIM_SEED_AREAS", "Staff,Gates"));
    }

    Proc startApi(int port, String bioTimeUrl, Map<String, String> extra) throws Exception {
        return start(
                "api",
                "api/target/gatesync-api-" + Bench.VERSION + "-exec.jar",
                port,
                "-Xmx512m -XX:+ExitOnOutOfMemoryError",
                appEnv(bioTimeUrl, extra));
    }

    /** Workers {@code worker-1..count} on ports {@code firstPort..}, started together, returned once all are up. */
    List<Proc> startWorkers(int count, int firstPort, String bioTimeUrl, Map<String, String> extra) throws Exception {
        List<Proc> workers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, String> env = appEnv(bioTimeUrl, extra);
            env.put("GATESYNC_NODE_NAME", "worker-" + i);
            workers.add(launch(
                    "worker-" + i,
                    "worker/target/gatesync-worker-" + Bench.VERSION + "-exec.jar",
                    firstPort + i - 1,
                    WORKER_JVM,
                    env));
        }
        for (Proc worker : workers) {
            awaitHealthy(worker);
        }
        return workers;
    }

    private Map<String, String> appEnv(String bioTimeUrl, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", "jdbc:mysql://127.0.0.1:3306/" + database + "?" + JDBC_OPTIONS);
        env.put("SPRING_DATASOURCE_USERNAME", "root");
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_RABBITMQ_ADDRESSES", rabbitAddresses);
        env.put("GATESYNC_AMQP_PREFIX", prefix);
        env.put("GATESYNC_ADMIN_USERNAME", ADMIN);
        env.put("GATESYNC_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("ZKTECO_BASE_URL", bioTimeUrl);
        env.put("ZKTECO_DEFAULT_AREA", "2"); // the simulator's staff area
        env.put("ZKTECO_TERMINAL_AREA", "3"); // its gates' area: adms needs GateSync's terminal out of Not Authorized
        env.putAll(extra);
        return env;
    }

    private Proc start(String name, String jar, int port, String jvm, Map<String, String> env) throws Exception {
        Proc proc = launch(name, jar, port, jvm, env);
        awaitHealthy(proc);
        return proc;
    }

    private Proc launch(String name, String jar, int port, String jvm, Map<String, String> env) throws Exception {
        if (portTaken(port)) {
            throw new IllegalStateException(
                    "Port " + port + " is taken; stop whatever runs there (bin/run-local --stop?)");
        }
        Path jarPath = repo.resolve(jar);
        if (!Files.exists(jarPath)) {
            throw new IllegalStateException(jarPath + " is missing; build first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(jvm.split(" ")));
        if (System.getenv("BENCH_PROFILE") != null) {
            // BENCH_PROFILE=1: a flight recording per process, to see where the time goes (jfr print / JMC).
            Files.createDirectories(logs.resolveSibling("jfr"));
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + logs.resolveSibling("jfr").resolve(name + ".jfr"));
        }
        command.addAll(List.of("-jar", jarPath.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("MALLOC_ARENA_MAX", "2"); // as the container image sets it
        pb.environment().putAll(env);
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        Proc proc = new Proc(name, pb.start(), port, log);
        running.add(proc);
        return proc;
    }

    private static void awaitHealthy(Proc proc) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!proc.process().isAlive()) {
                throw new IllegalStateException(proc.name() + " stopped during start-up; see " + proc.log());
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(proc.url() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(proc.name() + " did not become healthy in 180 s; see " + proc.log());
    }

    private static boolean portTaken(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException free) {
            return false;
        }
    }

    void stop(Proc proc) throws InterruptedException {
        proc.process().destroy();
        if (!proc.process().waitFor(30, TimeUnit.SECONDS)) {
            proc.process().destroyForcibly().waitFor();
        }
        running.remove(proc);
    }

    private void stopAll() {
        for (Proc proc : List.copyOf(running)) {
            try {
                stop(proc);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                proc.process().destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        stopAll();
        Runtime.getRuntime().removeShutdownHook(hook);
        try (Connection c = root();
                var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
    }
}
