package io.gatesync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.gatesync.common.messaging.CommandTopology;

/**
 * The three-node RabbitMQ cluster of {@code bin/rabbit-cluster} for fault tests: started if it is not running (and
 * then stopped again on {@link #close()}), reused as it is if it runs; its nodes killed, stopped and restarted by
 * number (1..3).
 */
public final class RabbitCluster implements AutoCloseable {

    private static final Pattern LIST = Pattern.compile("\"([^\"]+)\"");

    private final Path script;
    private final boolean startedHere;
    private final String addresses;

    private RabbitCluster(Path script, boolean startedHere) {
        this.script = script;
        this.startedHere = startedHere;
        this.addresses = run("addresses").strip();
    }

    /** Why no cluster can run on this machine (no rabbitmq-server to start nodes from), or empty if one can. */
    public static Optional<String> unavailable() {
        Path script = script();
        if (script == null) {
            return Optional.of(
                    "bin/rabbit-cluster not found above " + Path.of("").toAbsolutePath());
        }
        try {
            Process process = new ProcessBuilder(script.toString(), "available")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                return Optional.of("no rabbitmq-server binaries on this machine (apt-get install rabbitmq-server), "
                        + "so bin/rabbit-cluster cannot start a three-node cluster");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("bin/rabbit-cluster does not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** The cluster with all three nodes running: started now where they are not. */
    public static RabbitCluster start() {
        Path script = script();
        boolean anyRunning = run(script, 60, "status").lines().anyMatch(l -> l.contains(": running"));
        run(script, 300, "start"); // starts only the nodes that do not run
        return new RabbitCluster(script, !anyRunning);
    }

    /** The nodes' AMQP addresses, as SPRING_RABBITMQ_ADDRESSES takes them. */
    public String addresses() {
        return addresses;
    }

    /** SIGKILL: no clean shutdown, as a node whose machine loses power. */
    public void kill(int node) {
        run("kill", Integer.toString(node));
    }

    /** A clean stop; the node stays a cluster member and comes back with {@link #restart}. */
    public void stop(int node) {
        run("stop", Integer.toString(node));
    }

    public void restart(int node) {
        run("restart", Integer.toString(node));
    }

    /** Starts the nodes that do not run (a clean stop or a kill left them down). */
    public void startMissing() {
        run(script, 300, "start");
    }

    /** The number of the node that leads a quorum queue now. */
    public int leader(String queue) {
        return Integer.parseInt(run("leader", queue).strip());
    }

    /** The nodes holding a quorum queue ("gs-rabbit-1@localhost", …), online or not, as node {@code asked} sees it. */
    public List<String> members(String queue, int asked) {
        return field(queue, asked, "members");
    }

    /** The members of a quorum queue that are up, as node {@code asked} sees it. */
    public List<String> online(String queue, int asked) {
        return field(queue, asked, "online");
    }

    private List<String> field(String queue, int asked, String field) {
        String out = run("ctl", Integer.toString(asked), "list_queues", "name", field, "--formatter", "json");
        for (String line : out.lines().toList()) {
            if (line.contains("\"name\":\"" + queue + "\"")) {
                String list = line.substring(line.indexOf("\"" + field + "\":[") + field.length() + 4);
                List<String> names = new ArrayList<>();
                Matcher m = LIST.matcher(list.substring(0, list.indexOf(']')));
                while (m.find()) {
                    names.add(m.group(1));
                }
                return names;
            }
        }
        throw new IllegalStateException("no queue " + queue + " on the cluster:\n" + out);
    }

    /** Deletes a run's queues and exchanges from the cluster (when it is reused, not stopped, after the run). */
    public void delete(CommandTopology topology) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername("guest");
        factory.setPassword("guest");
        try (Connection connection = factory.newConnection(Address.parseAddresses(addresses));
                Channel channel = connection.createChannel()) {
            for (String queue : topology.allQueues()) {
                channel.queueDelete(queue);
            }
            for (String exchange : topology.allExchanges()) {
                channel.exchangeDelete(exchange);
            }
        }
    }

    /** Stops the cluster if this run started it; one found running is left running. */
    @Override
    public void close() {
        if (startedHere) {
            run("stop");
        }
    }

    public boolean startedHere() {
        return startedHere;
    }

    private String run(String... args) {
        return run(script, 180, args);
    }

    private static String run(Path script, int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("rabbit-cluster", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            String.join(" ", command) + ": no answer in " + timeoutSeconds + " s");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0 && !args[0].equals("status")) {
                    throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** bin/rabbit-cluster of this repository: tests run in a module's folder, one below the root. */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bin/rabbit-cluster");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
