package io.gatesync.testsupport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.ConnectionFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import io.gatesync.common.messaging.AmqpProperties;
import io.gatesync.common.messaging.CommandTopology;

/**
 * Real RabbitMQ and MySQL for tests: Testcontainers when a Docker engine answers, otherwise the services on
 * localhost (RabbitMQ 127.0.0.1:5672 guest/guest, MariaDB/MySQL 127.0.0.1:3306 root with an empty password).
 * {@code GATESYNC_TEST_SERVICES=local|containers} forces one. {@code GATESYNC_TEST_RABBITMQ_ADDRESSES} (as
 * {@code SPRING_RABBITMQ_ADDRESSES}: {@code host:port,host:port}) points the local services' apps at several RabbitMQ
 * nodes instead, e.g. the cluster of {@code bin/rabbit-cluster}. Every caller gets its own database and queue prefix,
 * dropped when the JVM exits, so runs never collide.
 */
public final class TestServices {

    private static TestServices instance;

    /** The RabbitMQ container, when the services run in containers; null for the local services. */
    private RabbitMQContainer rabbitContainer;

    private final String jdbcBase;
    private final String dbUser;
    private final String dbPassword;
    /** The broker's nodes, as {@code spring.rabbitmq.addresses} takes them: {@code host:port[,host:port…]}. */
    private final String rabbitAddresses;

    private final String rabbitUser;
    private final String rabbitPassword;
    private final List<String> databases = new ArrayList<>();
    private final Map<String, List<java.time.Duration>> prefixes = new HashMap<>();

    private TestServices(
            String jdbcBase,
            String dbUser,
            String dbPassword,
            String rabbitAddresses,
            String rabbitUser,
            String rabbitPassword) {
        this.jdbcBase = jdbcBase;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.rabbitAddresses = rabbitAddresses;
        this.rabbitUser = rabbitUser;
        this.rabbitPassword = rabbitPassword;
        Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "test-services-cleanup"));
    }

    public static synchronized TestServices get() {
        if (instance == null) {
            instance = useContainers() ? fromContainers() : local();
        }
        return instance;
    }

    private static boolean useContainers() {
        String mode =
                System.getenv().getOrDefault("GATESYNC_TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
        if (mode.equals("local")) {
            return false;
        }
        if (mode.equals("containers")) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // the containers live as long as the test JVM; Testcontainers' reaper stops them
    private static TestServices fromContainers() {
        MySQLContainer mysql =
                new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test");
        RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:4-management");
        mysql.start();
        rabbit.start();
        TestServices services = new TestServices(
                "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(3306) + "/",
                "root",
                "test",
                rabbit.getHost() + ":" + rabbit.getAmqpPort(),
                rabbit.getAdminUsername(),
                rabbit.getAdminPassword());
        services.rabbitContainer = rabbit;
        return services;
    }

    private static TestServices local() {
        String addresses = System.getenv().getOrDefault("GATESYNC_TEST_RABBITMQ_ADDRESSES", "127.0.0.1:5672");
        return new TestServices("jdbc:mysql://127.0.0.1:3306/", "root", "", addresses, "guest", "guest");
    }

    /** A new, empty database; returns its JDBC URL. */
    public synchronized String newDatabase() {
        String name = "gs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        databases.add(name);
        return jdbcUrl(name);
    }

    /** A data source on a new, empty database, for tests of the data layer without an app around it. */
    public org.springframework.jdbc.datasource.DriverManagerDataSource newDataSource() {
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(newDatabase(), dbUser, dbPassword);
    }

    /** A data source on a new database, migrated to the current schema as the apps migrate theirs at start-up. */
    public org.springframework.jdbc.datasource.DriverManagerDataSource newMigratedDataSource() {
        org.springframework.jdbc.datasource.DriverManagerDataSource dataSource = newDataSource();
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();
        return dataSource;
    }

    /** A connection pool of at most {@code maxSize} on a new, empty database. */
    public com.zaxxer.hikari.HikariDataSource newPool(int maxSize) {
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(newDatabase());
        pool.setUsername(dbUser);
        pool.setPassword(dbPassword);
        pool.setMaximumPoolSize(maxSize);
        return pool;
    }

    public String jdbcUrl(String database) {
        return jdbcBase + database + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true";
    }

    /** A new prefix for exchange and queue names, for apps with the default ZKTECO_RETRY_DELAYS. */
    public String newQueuePrefix() {
        return newQueuePrefix(DEFAULT_RETRY_DELAYS);
    }

    /** A new prefix for apps run with these retry delays (so their retry queues are removed afterwards too). */
    public synchronized String newQueuePrefix(List<java.time.Duration> retryDelays) {
        String prefix = "gs-test-" + UUID.randomUUID().toString().substring(0, 8);
        prefixes.put(prefix, List.copyOf(retryDelays));
        return prefix;
    }

    public static final List<java.time.Duration> DEFAULT_RETRY_DELAYS = List.of(
            java.time.Duration.ofSeconds(5),
            java.time.Duration.ofSeconds(30),
            java.time.Duration.ofMinutes(2),
            java.time.Duration.ofMinutes(10));

    /** Spring properties that point an app at these services, with the given database and queue prefix. */
    public Map<String, Object> springProperties(String jdbcUrl, String queuePrefix) {
        return springProperties(jdbcUrl, queuePrefix, rabbitAddresses);
    }

    /**
     * The same on other RabbitMQ nodes ({@code host:port,…}, e.g. a cluster's); their queues are the caller's to
     * remove.
     */
    public Map<String, Object> springProperties(String jdbcUrl, String queuePrefix, String brokerAddresses) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", dbUser);
        props.put("spring.datasource.password", dbPassword);
        // addresses, not host and port: Spring takes addresses first, so a SPRING_RABBITMQ_ADDRESSES in the
        // environment of the test JVM cannot take the apps elsewhere
        props.put("spring.rabbitmq.addresses", brokerAddresses);
        props.put("spring.rabbitmq.username", rabbitUser);
        props.put("spring.rabbitmq.password", rabbitPassword);
        props.put("gatesync.amqp.prefix", queuePrefix);
        // a broker that stops answering an open connection fails the test in seconds instead of hanging the build
        // (default: 10 min). The connection timeout stays as it is: it also stretches the AMQP handshake.
        props.put("spring.rabbitmq.channel-rpc-timeout", "30s");
        return props;
    }

    /** The same as command-line arguments, for {@code SpringApplicationBuilder.run(String...)}. */
    public String[] springArgs(String jdbcUrl, String queuePrefix) {
        return springArgs(jdbcUrl, queuePrefix, rabbitAddresses);
    }

    /** The same on other RabbitMQ nodes ({@code host:port,…}). */
    public String[] springArgs(String jdbcUrl, String queuePrefix, String brokerAddresses) {
        return springProperties(jdbcUrl, queuePrefix, brokerAddresses).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** Where the database server listens (host and port of the JDBC URLs). */
    public InetSocketAddress databaseAddress() {
        URI uri = URI.create(jdbcBase.substring("jdbc:".length()));
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
    }

    /** Where the broker (its first node) listens. */
    public InetSocketAddress brokerAddress() {
        com.rabbitmq.client.Address first = com.rabbitmq.client.Address.parseAddresses(rabbitAddresses)[0];
        return InetSocketAddress.createUnresolved(first.getHost(), first.getPort());
    }

    public Connection openDatabase(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    /** A client for the broker's first node (with its user); {@link #newRabbitConnection()} tries every node. */
    public ConnectionFactory rabbitConnectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        InetSocketAddress first = brokerAddress();
        factory.setHost(first.getHostString());
        factory.setPort(first.getPort());
        factory.setUsername(rabbitUser);
        factory.setPassword(rabbitPassword);
        factory.setChannelRpcTimeout(30_000);
        return factory;
    }

    /** A connection to the first broker node that answers. */
    public com.rabbitmq.client.Connection newRabbitConnection()
            throws java.io.IOException, java.util.concurrent.TimeoutException {
        return rabbitConnectionFactory().newConnection(com.rabbitmq.client.Address.parseAddresses(rabbitAddresses));
    }

    /**
     * Restarts the RabbitMQ application (the broker stops, every connection drops, queues recover from disk), as a
     * broker restart does to the apps. Uses rabbitmqctl, in the container or on this machine.
     */
    public void restartBroker() throws Exception {
        for (String command : new String[] {"stop_app", "start_app"}) {
            if (rabbitContainer != null) {
                var result = rabbitContainer.execInContainer("rabbitmqctl", command);
                if (result.getExitCode() != 0) {
                    throw new IllegalStateException("rabbitmqctl " + command + ": " + result.getStderr());
                }
            } else {
                Process process = new ProcessBuilder("rabbitmqctl", command)
                        .redirectErrorStream(true)
                        .start();
                String output = new String(process.getInputStream().readAllBytes());
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("rabbitmqctl " + command + ": " + output);
                }
            }
        }
    }

    /** Kills every connection to the database, as a database restart does to the apps' pools. */
    public int killDatabaseConnections(String jdbcUrl) throws SQLException {
        String database = jdbcUrl.substring(jdbcBase.length(), jdbcUrl.indexOf('?'));
        int killed = 0;
        try (Connection c = DriverManager.getConnection(jdbcBase, dbUser, dbPassword);
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '"
                        + database + "' AND ID <> CONNECTION_ID()")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            for (long id : ids) {
                try (Statement kill = c.createStatement()) {
                    kill.execute("KILL CONNECTION " + id);
                    killed++;
                } catch (SQLException gone) {
                    // closed meanwhile
                }
            }
        }
        return killed;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcBase, dbUser, dbPassword);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database not reachable at " + jdbcBase + ": " + e.getMessage(), e);
        }
    }

    private synchronized void cleanUp() {
        for (String db : databases) {
            try {
                execute("DROP DATABASE IF EXISTS " + db);
            } catch (RuntimeException ignored) {
                // best effort: the JVM is exiting
            }
        }
        if (prefixes.isEmpty()) {
            return;
        }
        deleteTopologies(Map.copyOf(prefixes));
    }

    /**
     * Deletes the queues and exchanges of a prefix whose apps are closed, now rather than when the JVM exits: a test
     * JVM runs dozens of stacks of some twenty quorum queues each, and with hundreds of them RabbitMQ ran out of file
     * handles (its limit follows the open-files limit, 1024 here) and stopped answering new AMQP connections.
     */
    public void deleteQueues(String prefix) {
        List<java.time.Duration> delays;
        synchronized (this) {
            delays = prefixes.remove(prefix);
        }
        if (delays != null) {
            deleteTopologies(Map.of(prefix, delays));
        }
    }

    private void deleteTopologies(Map<String, List<java.time.Duration>> topologies) {
        try (com.rabbitmq.client.Connection connection = newRabbitConnection()) {
            for (Map.Entry<String, List<java.time.Duration>> app : topologies.entrySet()) {
                CommandTopology topology = new CommandTopology(AmqpProperties.withPrefix(app.getKey()), app.getValue());
                for (String queue : topology.allQueues()) {
                    delete(connection, channel -> channel.queueDelete(queue));
                }
                for (String exchange : topology.allExchanges()) {
                    delete(connection, channel -> channel.exchangeDelete(exchange));
                }
            }
        } catch (Exception ignored) {
            // best effort: what is left, bin/clean-test-leftovers removes
        }
    }

    private interface Deletion {
        void on(com.rabbitmq.client.Channel channel) throws java.io.IOException;
    }

    /** On a channel of its own: a broker that answers a missing queue with an error closes the channel. */
    private static void delete(com.rabbitmq.client.Connection connection, Deletion deletion) {
        try (com.rabbitmq.client.Channel channel = connection.createChannel()) {
            deletion.on(channel);
        } catch (Exception ignored) {
            // already gone, or the broker is going: nothing to keep
        }
    }
}
