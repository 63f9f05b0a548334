package io.gatesync.e2e;

import static io.gatesync.worker.biotime.TlsClients.trusting;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.api.ApiApplication;
import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.sim.SimApplication;
import io.gatesync.sim.tls.SimCertificate;
import io.gatesync.testsupport.TestServices;
import io.gatesync.worker.WorkerApplication;

/**
 * The whole product in one JVM for end-to-end tests: the BioTime simulator, the api and several workers, each its
 * own Spring context, on real RabbitMQ and MySQL/MariaDB with a fresh database and queue prefix.
 */
final class Stack implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "e2e-admin-password";
    /** Areas the simulator seeds after its "Not Authorized" area 1. */
    static final long STAFF_AREA = 2;

    static final long GATES_AREA = 3;

    /** The api's security jar is on this test classpath; the simulator and workers must not pick it up. */
    private static final String NO_SECURITY = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration";

    static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Map<String, Object>> STATS = new ParameterizedTypeReference<>() {};

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    final ConfigurableApplicationContext sim;
    final ConfigurableApplicationContext api;
    final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    final WebTestClient apiClient;
    final WebTestClient simClient;
    final JdbcTemplate db;

    final String[] commonArgs;
    final String jdbcUrl;
    /** Put before every exchange and queue name of this stack (gatesync.amqp.prefix). */
    final String queuePrefix;

    static {
        // Awaitility fails an await when any thread of the JVM throws: a stack an earlier test class closed may still
        // throw on its pool threads while it shuts down (a channel closing on a terminated executor), which is no
        // failure of the test awaiting now. Tests check outcomes instead.
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    Stack(int workerCount, String... extraArgs) {
        this(workerCount, TestServices.DEFAULT_RETRY_DELAYS, extraArgs);
    }

    /**
     * For tests that make BioTime fail and watch GateSync get everything through: two workers that retry after 1, 2
     * and 3 s, BioTime in Asia/Karachi answering within 2 s, at most 200 requests a second and 16 in flight.
     */
    static Stack underFaults(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--zkteco.timezone=Asia/Karachi",
                "--zkteco.read-timeout=2s",
                "--zkteco.rate-limit=200",
                "--zkteco.max-in-flight=16"));
        args.addAll(Arrays.asList(extraArgs));
        return new Stack(
                2,
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
                args.toArray(String[]::new));
    }

    Stack(int workerCount, List<Duration> retryDelays, String... extraArgs) {
        this(false, null, workerCount, retryDelays, extraArgs);
    }

    /**
     * The stack on other RabbitMQ nodes than the test services' ({@code host:port,…}, as SPRING_RABBITMQ_ADDRESSES
     * takes them: a cluster's); removing the run's queues there is the caller's part.
     */
    static Stack onBroker(String brokerAddresses, int workerCount, List<Duration> retryDelays, String... extraArgs) {
        return new Stack(false, brokerAddresses, workerCount, retryDelays, extraArgs);
    }

    /**
     * The stack with BioTime over HTTPS: the simulator serves a self-signed certificate it makes at start-up, and
     * the workers trust it because ZKTECO_CA_CERT names its PEM ({@link #certificate}).
     */
    static Stack overTls(int workerCount, String... extraArgs) {
        return new Stack(true, null, workerCount, TestServices.DEFAULT_RETRY_DELAYS, extraArgs);
    }

    private Stack(
            boolean tls, String brokerAddresses, int workerCount, List<Duration> retryDelays, String... extraArgs) {
        TestServices services = TestServices.get();
        String delays = String.join(
                ",", retryDelays.stream().map(d -> d.toMillis() + "ms").toList());
        jdbcUrl = services.newDatabase();
        // set up as a real site is: employees in an area of their own (2), GateSync's terminal in another (3);
        // BioTime's
        // area 1 is its "Not Authorized" pseudo-area.
        sim = track(SimApplication.builder()
                .run(
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        NO_SECURITY,
                        "--sim.seed-areas=Staff,Gates",
                        "--sim.tls=" + tls));
        SimCertificate simCertificate = tls ? sim.getBean(SimCertificate.class) : null;
        certificate = tls ? simCertificate.pemFile() : null;
        String[] trust = tls ? new String[] {"--zkteco.ca-cert=" + certificate} : new String[0];
        queuePrefix = services.newQueuePrefix(retryDelays);
        String[] common = concat(
                brokerAddresses == null
                        ? services.springArgs(jdbcUrl, queuePrefix)
                        : services.springArgs(jdbcUrl, queuePrefix, brokerAddresses),
                concat(
                        concat(
                                concat(
                                        new String[] {
                                            "--zkteco.default-area=" + STAFF_AREA,
                                            "--zkteco.terminal-area=" + GATES_AREA
                                        },
                                        trust),
                                extraArgs),
                        "--zkteco.retry-delays=" + delays));
        commonArgs = common;
        String simUrl = (tls ? "https" : "http") + "://127.0.0.1:" + port(sim);
        api = track(ApiApplication.builder()
                .run(concat(
                        common,
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--gatesync.admin.username=" + ADMIN,
                        "--gatesync.admin.password=" + ADMIN_PASSWORD,
                        "--zkteco.base-url=" + simUrl)));
        this.simUrl = simUrl;
        for (int i = 1; i <= workerCount; i++) {
            startWorker("worker-" + i);
        }
        apiClient = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port(api))
                .defaultHeaders(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        simClient = (tls
                        ? WebTestClient.bindToServer(trusting(simCertificate.certificate()))
                        : WebTestClient.bindToServer())
                .baseUrl(simUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .build();
        db = api.getBean(JdbcTemplate.class);
    }

    final String simUrl;
    /** Over TLS, the PEM file of the simulator's certificate (the workers' ZKTECO_CA_CERT); else null. */
    final Path certificate;

    /**
     * Starts one more worker context; {@code overrides} ("--name=value") replace the stack's arguments of the same
     * name (Spring would join a repeated argument's values with commas).
     */
    ConfigurableApplicationContext startWorker(String name, String... overrides) {
        String[] common = without(commonArgs, overrides);
        ConfigurableApplicationContext worker = track(WorkerApplication.builder()
                .run(concat(
                        concat(
                                common,
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--gatesync.node-name=" + name,
                                "--zkteco.base-url=" + simUrl,
                                NO_SECURITY),
                        overrides)));
        workers.add(worker);
        return worker;
    }

    /**
     * Starts a worker as a process of its own, from the executable jar the worker module packaged, so a test can
     * kill it with SIGKILL; its output goes to {@code target/<name>.log}. {@code overrides} replace the stack's
     * arguments of the same name. Closing the stack kills the processes it started.
     */
    Process startWorkerProcess(String name, String maxHeap, String... overrides) throws IOException {
        String jar = System.getProperty("gatesync.worker.jar");
        if (jar == null || !new File(jar).exists()) {
            throw new IllegalStateException("No worker jar at " + jar + ": run the tests with `verify`, the "
                    + "worker module packaged first (-am builds it)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap, "-jar", jar));
        command.addAll(Arrays.asList(without(commonArgs, overrides)));
        command.addAll(List.of("--server.port=0", "--gatesync.node-name=" + name, "--zkteco.base-url=" + simUrl));
        command.addAll(Arrays.asList(overrides));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(new File("target/" + name + ".log")))
                .start();
        processes.add(process);
        return process;
    }

    /** {@code args} without those {@code overrides} ("--name=value") give another value. */
    private static String[] without(String[] args, String... overrides) {
        List<String> replaced = Arrays.stream(overrides)
                .map(o -> o.substring(0, o.indexOf('=') + 1))
                .toList();
        return Arrays.stream(args)
                .filter(a -> replaced.stream().noneMatch(a::startsWith))
                .toArray(String[]::new);
    }

    private ConfigurableApplicationContext track(ConfigurableApplicationContext context) {
        contexts.add(context);
        return context;
    }

    /** The simulator answers as a healthy BioTime again: no latency, errors or refused connections. */
    void clearFaults() {
        simClient
                .delete()
                .uri("/sim/faults")
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Void.class);
    }

    /** Merges fault switches ({@code /sim/faults}, a JSON string or a map) into the simulator's. */
    void faults(Object switches) {
        simClient
                .post()
                .uri("/sim/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(switches)
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Void.class);
    }

    /** The rows of one of the simulator's lists, e.g. {@code /sim/transactions}. */
    List<Map<String, Object>> simRows(String path) {
        return simClient
                .get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ROWS)
                .returnResult()
                .getResponseBody();
    }

    /** The simulator's request counters ({@code /sim/stats}). */
    Map<String, Object> simStats() {
        return simClient
                .get()
                .uri("/sim/stats")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(STATS)
                .returnResult()
                .getResponseBody();
    }

    /** Adds punches to the simulator's transactions as a terminal would ({@code POST /sim/transactions}). */
    List<Map<String, Object>> addPunches(List<?> rows) {
        return simClient
                .post()
                .uri("/sim/transactions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(rows)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(ROWS)
                .returnResult()
                .getResponseBody();
    }

    /** Creates a person through the api, which answers 201 Created. */
    void putPerson(String cnic, Map<String, ?> body) {
        putPerson(cnic, body, 201);
    }

    /** Puts a person through the api, which answers {@code status} (201 Created, 200 for a change). */
    void putPerson(String cnic, Map<String, ?> body, int status) {
        apiClient
                .put()
                .uri("/api/people/{cnic}", cnic)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Void.class); // read it: an unread body leaks its buffer
    }

    /** One gate event through the api, which answers 202 Accepted. */
    void postEvent(String eventId, String cnic, String direction, Instant time, String gate) {
        apiClient
                .post()
                .uri("/api/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event(eventId, cnic, direction, time, gate))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Void.class);
    }

    /** Gate events through the api's batch route, as many at a time as it takes (1000); see below. */
    void postEvents(List<? extends Map<String, ?>> events) {
        postEvents(events, 1000);
    }

    /**
     * Gate events through the api's batch route ({@code POST /api/events/batch}), {@code batchSize} at a time; the
     * api must accept each batch whole.
     */
    void postEvents(List<? extends Map<String, ?>> events, int batchSize) {
        for (int from = 0; from < events.size(); from += batchSize) {
            apiClient
                    .post()
                    .uri("/api/events/batch")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(events.subList(from, Math.min(events.size(), from + batchSize)))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.accepted")
                    .isEqualTo(Math.min(batchSize, events.size() - from));
        }
    }

    /**
     * Publishes a command as JSON straight onto the commands exchange, to its kind's queue, as the api's outbox
     * would: a redelivery, or a command no outbox row asked for.
     */
    void publish(Command command) {
        api.getBean(RabbitTemplate.class)
                .convertAndSend(
                        api.getBean(CommandTopology.class).commandsExchange(),
                        CommandKind.of(command).routingKey(),
                        command,
                        m -> {
                            m.getMessageProperties().setContentType(MessageProperties.CONTENT_TYPE_JSON);
                            return m;
                        });
    }

    /** A gate event as the api takes it ({@code POST /api/events}, one of a batch). */
    static Map<String, String> event(String eventId, String cnic, String direction, Instant time, String gate) {
        return Map.of("eventId", eventId, "cnic", cnic, "direction", direction, "time", time.toString(), "gate", gate);
    }

    /** The api's view of a person ({@code GET /api/people/{cnic}}), for the test to read. */
    WebTestClient.BodyContentSpec person(String cnic) {
        return apiClient.get().uri("/api/people/{cnic}", cnic).exchange().expectBody();
    }

    /** The api's entry logs of a person ({@code GET /api/entry-logs?cnic=}), for the test to read. */
    WebTestClient.BodyContentSpec entryLogs(String cnic) {
        return apiClient
                .get()
                .uri("/api/entry-logs?cnic={cnic}", cnic)
                .exchange()
                .expectBody();
    }

    /** {@code GET uri} of the api, expecting 200 OK; the JSON object it answers. */
    @SuppressWarnings("unchecked")
    Map<String, Object> getJson(String uri, Object... uriVariables) {
        return apiClient
                .get()
                .uri(uri, uriVariables)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** Starts a run through the api ({@code POST path}), which answers 202 Accepted with the run's id and status. */
    Map<?, ?> startRun(String path, Map<String, ?> body) {
        return post(path, body)
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** POSTs a JSON body to the api, for the test to check the answer. */
    WebTestClient.ResponseSpec post(String path, Object body) {
        return apiClient
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** What the api's {@code POST /zkteco/test-connection} answers with 200 OK, for the test to read. */
    WebTestClient.BodyContentSpec testConnection() {
        return apiClient
                .post()
                .uri("/zkteco/test-connection")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    /** {@link #testConnection()} that found BioTime as it should be: ok, no problems. */
    WebTestClient.BodyContentSpec testConnectionOk() {
        return testConnection()
                .jsonPath("$.ok")
                .isEqualTo(true)
                .jsonPath("$.problems")
                .isEmpty();
    }

    /** For a test class's {@code @AfterAll}: closes its stack unless its {@code @BeforeAll} failed to start one. */
    static void closeIfStarted(Stack stack) {
        if (stack != null) {
            stack.close();
        }
    }

    /** Starts or stops a worker's listener containers by id (e.g. "entry-sync"), so a test decides who consumes. */
    static void listeners(ConfigurableApplicationContext worker, boolean on, String... ids) {
        RabbitListenerEndpointRegistry registry = worker.getBean(RabbitListenerEndpointRegistry.class);
        for (String id : ids) {
            if (on) {
                registry.getListenerContainer(id).start();
            } else {
                registry.getListenerContainer(id).stop();
            }
        }
    }

    /** A client for a worker's own port: its actuator (health, metrics). */
    static WebTestClient workerClient(ConfigurableApplicationContext worker) {
        // a worker's metrics scrape is some 250 KB (every BioTime request timer exists from start-up), near the
        // 256 KB a WebClient buffers by default
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port(worker))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }

    /** What Prometheus reads from an app's /actuator/prometheus. */
    static String scrape(WebTestClient client) {
        return client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    static String port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getProperty("local.server.port");
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
        processes.forEach(p -> p.onExit().join()); // killed processes hold no consumer when the queues go
        TestServices.get().deleteQueues(queuePrefix);
    }
}
