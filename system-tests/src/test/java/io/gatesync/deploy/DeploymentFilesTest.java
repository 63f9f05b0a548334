package io.gatesync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.messaging.AmqpProperties;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.testsupport.MonitoringFiles;

/**
 * No Docker engine runs where the tests run, so the deployment files are checked by reading them: each parses, and
 * what one file says about another holds (service names, ports, paths, uids, variables, users).
 */
class DeploymentFilesTest {

    /** The apps the Dockerfile builds, by its APP build argument (= module directory = compose service). */
    private static final List<String> APPS = List.of("api", "worker", "biotime-sim");

    private static final Path ROOT = MonitoringFiles.ROOT;
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");
    /** The alerts deploy/prometheus/alerts.yml defines; docs/operations.md "Alerts" says what each means. */
    private static final List<String> ALERT_NAMES = List.of(
            "GateSyncTargetDown",
            "GateSyncDeadLetters",
            "GateSyncDeadLetterQueueNotDrained",
            "GateSyncSyncLag",
            "GateSyncBioTimeErrors",
            "GateSyncBioTimeCircuitOpen",
            "GateSyncJobNotRunning",
            "GateSyncOutboxBacklog",
            "GateSyncBioTimeRestored",
            "GateSyncTerminalSilent",
            "GateSyncPersonLeftAtGate",
            "GateSyncReconcileUnresolved");

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASS|SECRET|TOKEN)$");

    private final Map<String, Object> compose = yaml("docker-compose.yml");
    private final Map<String, Object> services = map(compose.get("services"), "services");
    private final Dockerfile dockerfile = Dockerfile.parse(ROOT.resolve("deploy/docker/Dockerfile"));

    // ---------------------------------------------------------------------------------------------------------
    // Dockerfile and compose builds
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void everyBuiltServiceUsesAnExistingDockerfileAndAValidApp() {
        Set<String> built = new TreeSet<>();
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition, name);
            if (!service.containsKey("build")) {
                return;
            }
            Object build = service.get("build");
            Map<String, Object> spec = build instanceof String context
                    ? Map.<String, Object>of("context", context)
                    : map(build, name + ".build");
            Path context = ROOT.resolve(str(spec.getOrDefault("context", "."))).normalize();
            Path file = context.resolve(str(spec.getOrDefault("dockerfile", "Dockerfile")))
                    .normalize();
            assertThat(file).as("Dockerfile of service %s", name).isRegularFile();
            assertThat(context.resolve("pom.xml"))
                    .as("build context of %s is the repository root", name)
                    .isRegularFile();

            String app = buildArgs(spec).get("APP");
            assertThat(app).as("build arg APP of service %s", name).isIn(APPS);
            assertThat(dockerfile.stage("app-" + app))
                    .as("Dockerfile stage for APP=%s", app)
                    .isNotNull();
            if (spec.containsKey("target")) {
                assertThat(dockerfile.stage(str(spec.get("target"))))
                        .as("build target of %s", name)
                        .isNotNull();
            }
            assertThat(name).as("service building APP=%s", app).isEqualTo(app);
            built.add(app);
        });
        assertThat(built).as("every app has a compose service").containsExactlyInAnyOrderElementsOf(APPS);
    }

    @Test
    void dockerfileRunsEachAppAsNonRootFromItsOwnJarAndPort() {
        assertThat(dockerfile.globalArgs())
                .as("global ARG APP (used in the last FROM)")
                .containsKey("APP");
        assertThat(dockerfile.globalArgs().get("APP")).as("default APP").isIn(APPS);
        assertThat(dockerfile.stages().get(0).base()).as("build stage image").startsWith("eclipse-temurin:17-jdk");

        Stage last = dockerfile.stages().get(dockerfile.stages().size() - 1);
        for (String app : APPS) {
            App a = App.of(app);
            Stage stage = dockerfile.stage("app-" + app);
            assertThat(stage).as("stage app-%s", app).isNotNull();
            assertThat(dockerfile.rootImage(stage.name(), app))
                    .as("runtime image of %s", app)
                    .startsWith("eclipse-temurin:17-jre");

            List<String> copies = stage.args("COPY");
            assertThat(copies).as("stage app-%s copies its exec jar only", app).hasSize(1);
            assertThat(copies.get(0))
                    .contains("--from=build")
                    .contains("/" + a.module() + "/target/" + a.artifactId() + "-")
                    .contains("-exec.jar");
            assertThat(stage.args("EXPOSE")).as("EXPOSE of app-%s", app).containsExactly(String.valueOf(a.port()));

            for (String stageName : List.of(stage.name(), last.name())) {
                String user = dockerfile.effectiveUser(stageName, app);
                assertThat(user)
                        .as("USER of stage %s with APP=%s", stageName, app)
                        .isNotBlank();
                String who = user.split(":")[0];
                assertThat(who)
                        .as("USER of stage %s with APP=%s", stageName, app)
                        .isNotIn("root", "0");
            }
            assertThat(dockerfile.resolve(last.base(), app))
                    .as("last stage with APP=%s", app)
                    .isEqualTo("app-" + app);
        }
        for (Stage stage : dockerfile.stages()) {
            for (String keyword : List.of("ENV", "ARG")) {
                for (String args : stage.args(keyword)) {
                    String name = args.split("[=\\s]", 2)[0];
                    assertThat(name)
                            .as("%s %s in stage %s bakes a secret into the image", keyword, name, stage.name())
                            .doesNotMatch(SECRET_NAME);
                }
            }
        }
    }

    @Test
    void dockerfileBuildsEveryReactorModuleWithPomsFirst() {
        Stage build = dockerfile.stages().get(0);
        List<Instruction> steps = build.instructions();
        int goOffline =
                indexOf(steps, i -> i.keyword().equals("RUN") && i.args().contains("dependency:go-offline"));
        int packaging =
                indexOf(steps, i -> i.keyword().equals("RUN") && i.args().contains(" package"));
        assertThat(goOffline).as("RUN ./mvnw dependency:go-offline").isNotNegative();
        assertThat(packaging).as("RUN ./mvnw package").isGreaterThan(goOffline);
        assertThat(steps.get(packaging).args()).contains("./mvnw").contains("-DskipTests");
        assertThat(indexOf(steps, i -> i.keyword().equals("COPY") && i.args().startsWith(".mvn")))
                .as("the wrapper is copied before go-offline")
                .isBetween(0, goOffline);

        for (String module : reactorModules()) {
            int pom = indexOf(steps, i -> i.keyword().equals("COPY") && i.args().startsWith(module + "/pom.xml "));
            int src = indexOf(steps, i -> i.keyword().equals("COPY") && i.args().startsWith(module + "/src "));
            assertThat(pom).as("COPY %s/pom.xml before go-offline", module).isBetween(0, goOffline);
            assertThat(src)
                    .as("COPY %s/src after go-offline, before package", module)
                    .isBetween(goOffline, packaging);
        }
    }

    @Test
    void dockerignoreKeepsSecretsAndBuildOutputOutButNotTheSources() throws IOException {
        List<String> patterns = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(patterns).contains(".env", ".git", "**/target/", "bench/results/");
        Set<String> needed =
                new LinkedHashSet<>(List.of("*", "**", "pom.xml", "mvnw", ".mvn", ".mvn/", "deploy/docker/"));
        for (String module : reactorModules()) {
            needed.addAll(List.of(
                    module, module + "/", module + "/src", module + "/src/", module + "/**", module + "/pom.xml"));
        }
        assertThat(patterns).as("patterns that would drop build inputs").doesNotContainAnyElementsOf(needed);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Compose
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void dependencyConditionsPointAtServicesThatCanBeHealthy() {
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition, name);
            Map<String, String> dependsOn = dependsOn(service, name);
            dependsOn.forEach((target, condition) -> {
                assertThat(services).as("%s depends on %s", name, target).containsKey(target);
                assertThat(condition)
                        .as("condition of %s -> %s", name, target)
                        .isIn("service_started", "service_healthy", "service_completed_successfully");
                Map<String, Object> other = map(services.get(target), target);
                if (condition.equals("service_healthy")) {
                    Map<String, Object> healthcheck = map(other.get("healthcheck"), target + ".healthcheck");
                    assertThat(healthcheck)
                            .as("healthcheck of %s (%s waits for it)", target, name)
                            .containsKey("test");
                    assertThat(healthcheck.get("disable"))
                            .as("healthcheck of %s disabled", target)
                            .isNotEqualTo(true);
                }
                if (profiles(service).isEmpty()) {
                    assertThat(profiles(other))
                            .as("%s always starts, so it cannot depend on %s in a profile", name, target)
                            .isEmpty();
                }
            });
        });
        Map<String, String> healthy = Map.of("mysql", "service_healthy", "rabbitmq", "service_healthy");
        assertThat(dependsOn(map(services.get("api"), "api"), "api")).containsAllEntriesOf(healthy);
        assertThat(dependsOn(map(services.get("worker"), "worker"), "worker"))
                .containsAllEntriesOf(healthy)
                .as("the api runs the migrations first")
                .containsEntry("api", "service_healthy");
    }

    @Test
    void appHealthchecksCallActuatorHealthOnTheAppPortWithAToolTheImageHas() {
        for (String app : APPS) {
            Map<String, Object> service = map(services.get(app), app);
            String test = healthcheckCommand(service, app);
            // the apps' readiness (database and broker; not BioTime); the simulator has no such group
            String path = app.equals("biotime-sim") ? "/actuator/health" : "/actuator/health/readiness";
            assertThat(test)
                    .as("healthcheck of %s", app)
                    .contains("http://localhost:" + App.of(app).port() + path);
            if (test.contains("curl")) {
                assertThat(dockerfile.stage("runtime").args("RUN"))
                        .as("the runtime image checks that curl is there")
                        .anyMatch(run -> run.contains("command -v curl"));
            }
        }
    }

    @Test
    void workersRunWithTheJvmFlagsTheBenchmarkMeasuredInComposeAndKubernetes() throws IOException {
        Matcher bench = Pattern.compile("WORKER_JVM\\s*=\\s*\"([^\"]+)\"")
                .matcher(Files.readString(ROOT.resolve("bench/src/main/java/io/gatesync/bench/Cluster.java")));
        assertThat(bench.find()).as("Cluster.WORKER_JVM in bench/").isTrue();
        String measured = bench.group(1);
        Map<String, Object> env = map(map(services.get("worker"), "worker").get("environment"), "worker.environment");
        assertThat(str(env.get("JAVA_OPTS")))
                .as("compose worker JAVA_OPTS")
                .isEqualTo("${WORKER_JAVA_OPTS:-" + measured + "}");
        Map<String, Object> deployment = k8sObjects(ROOT.resolve("deploy/k8s/worker.yaml")).stream()
                .filter(o -> "Deployment".equals(o.get("kind")))
                .findFirst()
                .orElseThrow();
        Map<String, Object> pod = map(
                map(map(deployment.get("spec"), "spec").get("template"), "template")
                        .get("spec"),
                "pod spec");
        Map<String, Object> container =
                map(list(pod.get("containers"), "containers").get(0), "container");
        assertThat(list(container.get("env"), "env"))
                .as("k8s worker env")
                .contains(Map.of("name", "JAVA_OPTS", "value", measured));
    }

    @Test
    void workersHaveNoFixedHostPortSoTheyCanBeScaled() {
        Map<String, Object> worker = map(services.get("worker"), "worker");
        for (Object port : list(worker.getOrDefault("ports", List.of()), "worker.ports")) {
            assertThat(hostPort(port))
                    .as("worker port %s binds a host port", port)
                    .isNull();
        }
        assertThat(worker).as("worker").doesNotContainKeys("container_name", "hostname");
        Map<String, Object> deploy = map(worker.get("deploy"), "worker.deploy");
        assertThat(((Number) deploy.get("replicas")).intValue())
                .as("worker replicas")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void simulatorAndMonitoringAreOptionalProfiles() {
        assertThat(profiles(map(services.get("biotime-sim"), "biotime-sim"))).containsExactly("sim");
        assertThat(profiles(map(services.get("prometheus"), "prometheus"))).containsExactly("monitoring");
        assertThat(profiles(map(services.get("grafana"), "grafana"))).containsExactly("monitoring");
        for (String core : List.of("mysql", "rabbitmq", "api", "worker")) {
            assertThat(profiles(map(services.get(core), core)))
                    .as("profiles of %s", core)
                    .isEmpty();
        }
    }

    @Test
    void composeHoldsNoLiteralSecrets() throws IOException {
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition, name);
            environment(service, name).forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches()) {
                    assertThat(value)
                            .as("%s.environment.%s must be a ${VAR} or ${VAR:?message} reference", name, key)
                            .matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");
                }
            });
            if (service.get("build") instanceof Map<?, ?> build) {
                buildArgs(map(build, name + ".build"))
                        .keySet()
                        .forEach(arg -> assertThat(arg)
                                .as("build arg %s of %s bakes a secret into the image", arg, name)
                                .doesNotMatch(SECRET_NAME));
            }
        });
        map(compose.getOrDefault("secrets", Map.of()), "secrets")
                .forEach((secret, definition) -> assertThat(map(definition, "secrets." + secret))
                        .as("secret %s comes from .env", secret)
                        .containsOnlyKeys("environment"));
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String placeholder : envExample().values()) {
            if (placeholder.startsWith("change-me")) {
                assertThat(text)
                        .as("docker-compose.yml contains a placeholder password")
                        .doesNotContain(placeholder);
            }
        }
    }

    /**
     * bin/ensure-services runs compose's own mysql and rabbitmq with deploy/local-services.compose.yml on top: the
     * overlay changes only ports and credentials (same images), and the script fills every variable the full stack's
     * file requires, or compose refuses to start even those two services.
     */
    @Test
    void localServicesOverlayKeepsComposeImagesAndEnsureServicesFillsItsRequiredVariables() throws IOException {
        Map<String, Object> overlay =
                map(yaml("deploy/local-services.compose.yml").get("services"), "overlay services");
        assertThat(overlay.keySet()).as("services the overlay changes").containsExactlyInAnyOrder("mysql", "rabbitmq");
        overlay.forEach((name, definition) -> {
            assertThat(services)
                    .as("overlay service %s is a compose service", name)
                    .containsKey(name);
            assertThat(map(definition, name))
                    .as("overlay of %s keeps compose's image and build", name)
                    .doesNotContainKeys("image", "build");
        });
        assertThat(environment(map(overlay.get("mysql"), "mysql"), "mysql"))
                .containsEntry("MYSQL_ALLOW_EMPTY_PASSWORD", "yes")
                .containsEntry("MYSQL_ROOT_PASSWORD", "");
        assertThat(environment(map(overlay.get("rabbitmq"), "rabbitmq"), "rabbitmq"))
                .containsEntry("RABBITMQ_DEFAULT_USER", "guest")
                .containsEntry("RABBITMQ_DEFAULT_PASS", "guest");
        assertThat(list(map(overlay.get("mysql"), "mysql").get("ports"), "mysql ports"))
                .singleElement()
                .asString()
                .startsWith("127.0.0.1:")
                .endsWith(":3306");

        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        String script = Files.readString(ROOT.resolve("bin/ensure-services"));
        String compose = script.substring(script.indexOf("compose() {"), script.indexOf("docker_answers() {"));
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            if (m.group(2).startsWith(":?") || m.group(2).startsWith("?")) {
                assertThat(compose)
                        .as("bin/ensure-services compose() sets %s, which docker-compose.yml requires", m.group(1))
                        .contains(m.group(1) + "=");
            }
        }
    }

    @Test
    void everyComposeVariableIsDocumentedInEnvExampleAndTheRequiredOnesAreSet() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        Map<String, String> documented = envExample();
        Set<String> used = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
            if (m.group(2).startsWith(":?") || m.group(2).startsWith("?")) {
                required.add(m.group(1));
            }
        }
        map(compose.getOrDefault("secrets", Map.of()), "secrets")
                .values()
                .forEach(secret -> used.add(str(map(secret, "secret").get("environment"))));

        assertThat(documented.keySet()).as("variables in .env.example").containsAll(used);
        assertThat(used)
                .as("variables docker-compose.yml reads (nothing stale in .env.example)")
                .containsAll(documented.keySet());
        Map<String, String> set = envExampleAssignments(false);
        for (String variable : required) {
            assertThat(set.get(variable))
                    .as("%s is required, so .env.example sets it", variable)
                    .isNotBlank();
        }
        assertThat(set.get("GATESYNC_ADMIN_PASSWORD"))
                .as("the api wants 12+ characters")
                .hasSizeGreaterThanOrEqualTo(12);
        assertThat(set.get("GATESYNC_METRICS_PASSWORD"))
                .as("the api wants 12+ characters")
                .hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void zktecoSettingsReachApiAndWorkersWithTheApplicationsDefaults() throws ReflectiveOperationException {
        RecordComponent[] components = ZktecoProperties.class.getRecordComponents();
        Parameter[] parameters = ZktecoProperties.class
                .getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                .getParameters();
        Map<String, String> commented = envExampleAssignments(true);
        for (String app : List.of("api", "worker")) {
            Map<String, String> env = environment(map(services.get(app), app), app);
            for (int i = 0; i < components.length; i++) {
                String variable = ZktecoProperties.variableOf(kebab(components[i].getName()));
                String value = env.get(variable);
                assertThat(value).as("%s.environment.%s", app, variable).isNotNull();
                Matcher m = Pattern.compile("\\$\\{" + variable + "(?::-(.*)|:\\?.*)}")
                        .matcher(value);
                assertThat(m.matches())
                        .as("%s.environment.%s = %s reads %s from .env", app, variable, value, variable)
                        .isTrue();
                String composeDefault = m.group(1);
                DefaultValue annotation = parameters[i].getAnnotation(DefaultValue.class);
                if (variable.equals("ZKTECO_BASE_URL")) {
                    assertThat(composeDefault)
                            .as("compose points the workers at the simulator service")
                            .isEqualTo("http://biotime-sim:"
                                    + App.of("biotime-sim").port());
                } else if (annotation != null && composeDefault != null) {
                    String javaDefault = String.join(",", annotation.value());
                    assertThat(composeDefault)
                            .as("compose default of %s = ZktecoProperties' default", variable)
                            .isEqualTo(javaDefault);
                    if (commented.containsKey(variable)) {
                        assertThat(commented.get(variable))
                                .as(".env.example default of %s", variable)
                                .isEqualTo(javaDefault);
                    }
                } else if (variable.equals("ZKTECO_TIMEZONE")) {
                    assertThat(ZoneId.of(composeDefault))
                            .as("default ZKTECO_TIMEZONE")
                            .isNotNull();
                }
            }
        }
    }

    @Test
    void bindMountsNamedVolumesAndSecretsExist() {
        Map<String, Object> volumes = map(compose.getOrDefault("volumes", Map.of()), "volumes");
        Map<String, Object> secrets = map(compose.getOrDefault("secrets", Map.of()), "secrets");
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition, name);
            for (Mount mount : mounts(service, name)) {
                if (mount.bind()) {
                    assertThat(ROOT.resolve(mount.source()).normalize())
                            .as("bind mount of %s", name)
                            .exists();
                } else {
                    assertThat(volumes).as("named volume of %s", name).containsKey(mount.source());
                }
            }
            for (Object secret : list(service.getOrDefault("secrets", List.of()), name + ".secrets")) {
                String secretName = secret instanceof Map<?, ?> s ? str(s.get("source")) : str(secret);
                assertThat(secrets).as("secret of %s", name).containsKey(secretName);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Prometheus
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void prometheusScrapesComposeServicesOnThePortsTheyListenOn() {
        Map<String, Object> prometheus = yaml("deploy/prometheus/prometheus.yml");
        Map<String, Set<String>> scrapedPaths = new LinkedHashMap<>();
        for (Object job : list(prometheus.get("scrape_configs"), "scrape_configs")) {
            Map<String, Object> scrape = map(job, "scrape config");
            String jobName = str(scrape.get("job_name"));
            String path = str(scrape.getOrDefault("metrics_path", "/metrics"));
            List<String> targets = new ArrayList<>();
            for (Object sc : list(scrape.getOrDefault("static_configs", List.of()), jobName + ".static_configs")) {
                list(map(sc, jobName).get("targets"), jobName + ".targets").forEach(t -> targets.add(str(t)));
            }
            for (Object dc : list(scrape.getOrDefault("dns_sd_configs", List.of()), jobName + ".dns_sd_configs")) {
                Map<String, Object> dns = map(dc, jobName + ".dns_sd_configs");
                assertThat(str(dns.getOrDefault("type", "SRV")))
                        .as("%s uses A records (one per replica)", jobName)
                        .isEqualTo("A");
                list(dns.get("names"), jobName + ".names").forEach(n -> targets.add(str(n) + ":" + dns.get("port")));
            }
            assertThat(targets).as("targets of job %s", jobName).isNotEmpty();
            for (String target : targets) {
                String host = target.substring(0, target.lastIndexOf(':'));
                String port = target.substring(target.lastIndexOf(':') + 1);
                assertThat(services)
                        .as("job %s target %s is a compose service", jobName, target)
                        .containsKey(host);
                assertThat(listeningPorts(host))
                        .as("job %s target %s: ports %s listens on", jobName, target, host)
                        .contains(port);
                scrapedPaths.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(path);
            }
            if (targets.stream().anyMatch(t -> t.startsWith("api:") || t.startsWith("worker:"))) {
                assertThat(scrape)
                        .as("%s tags series with its own instance; Prometheus keeps it", jobName)
                        .containsEntry("honor_labels", true);
            }
            if (jobName.contains("worker")) {
                assertThat(scrape)
                        .as("workers are found through DNS, so scaled replicas are all scraped")
                        .containsKey("dns_sd_configs")
                        .doesNotContainKey("static_configs");
            }
        }
        for (String app : APPS) {
            assertThat(scrapedPaths.get(app)).as("scrape paths of %s", app).contains("/actuator/prometheus");
        }
        assertThat(scrapedPaths.get("rabbitmq")).as("scrape paths of rabbitmq").contains("/metrics");
    }

    @Test
    void rabbitmqRunsWithItsManagementAndPrometheusPlugins() throws IOException {
        Map<String, Object> rabbitmq = map(services.get("rabbitmq"), "rabbitmq");
        Mount plugins = mounts(rabbitmq, "rabbitmq").stream()
                .filter(m -> m.target().equals("/etc/rabbitmq/enabled_plugins"))
                .findFirst()
                .orElse(null);
        assertThat(plugins).as("rabbitmq mounts enabled_plugins").isNotNull();
        assertThat(Files.readString(ROOT.resolve(plugins.source())).strip())
                .matches("\\[(rabbitmq_[a-z_]+,)*rabbitmq_[a-z_]+]\\.")
                .contains("rabbitmq_management", "rabbitmq_prometheus");
        assertThat(listeningPorts("rabbitmq")).contains("15692");
    }

    @Test
    void prometheusReadsTheApiCredentialsFromComposeSecrets() {
        Map<String, Object> prometheus = yaml("deploy/prometheus/prometheus.yml");
        Map<String, Object> service = map(services.get("prometheus"), "prometheus");
        Set<String> granted = list(service.getOrDefault("secrets", List.of()), "prometheus.secrets").stream()
                .map(s -> s instanceof Map<?, ?> m ? str(m.get("source")) : str(s))
                .collect(Collectors.toSet());
        Map<String, Object> secrets = map(compose.get("secrets"), "secrets");
        boolean apiJobHasAuth = false;
        for (Object job : list(prometheus.get("scrape_configs"), "scrape_configs")) {
            Map<String, Object> scrape = map(job, "scrape config");
            if (!scrape.containsKey("basic_auth")) {
                continue;
            }
            Map<String, Object> auth = map(scrape.get("basic_auth"), "basic_auth");
            assertThat(auth)
                    .as("basic_auth of %s holds no literal password", scrape.get("job_name"))
                    .doesNotContainKey("password")
                    .containsKey("password_file");
            for (String key : List.of("username_file", "password_file")) {
                if (auth.containsKey(key)) {
                    String file = str(auth.get(key));
                    assertThat(file).startsWith("/run/secrets/");
                    String secret = file.substring("/run/secrets/".length());
                    assertThat(granted)
                            .as("secrets granted to the prometheus service")
                            .contains(secret);
                    assertThat(secrets).containsKey(secret);
                }
            }
            String password = str(auth.get("password_file")).substring("/run/secrets/".length());
            assertThat(map(secrets.get(password), password).get("environment")).isEqualTo("GATESYNC_METRICS_PASSWORD");
            apiJobHasAuth |= list(scrape.getOrDefault("static_configs", List.of()), "static_configs").stream()
                    .flatMap(sc -> list(map(sc, "static_config").get("targets"), "targets").stream())
                    .anyMatch(t -> str(t).startsWith("api:"));
        }
        assertThat(apiJobHasAuth)
                .as("the api's /actuator/prometheus needs the metrics user's Basic auth")
                .isTrue();
    }

    @Test
    void prometheusLoadsTheConfigAndRulesComposeMounts() {
        Map<String, Object> service = map(services.get("prometheus"), "prometheus");
        List<String> command = list(service.get("command"), "prometheus.command").stream()
                .map(DeploymentFilesTest::str)
                .toList();
        assertThat(command).contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(mounts(service, "prometheus"))
                .as("prometheus mounts")
                .contains(new Mount("./deploy/prometheus", "/etc/prometheus", true));
    }

    @Test
    void everyRuleFileExistsAndHoldsTheStarterAlerts() {
        Path config = ROOT.resolve("deploy/prometheus/prometheus.yml");
        Map<String, Object> prometheus = yaml(ROOT.relativize(config).toString());
        List<Object> ruleFiles = list(prometheus.get("rule_files"), "rule_files");
        assertThat(ruleFiles).as("rule_files").isNotEmpty();
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Object entry : ruleFiles) {
            Path file = config.getParent().resolve(str(entry)).normalize();
            assertThat(file)
                    .as("rule file %s (relative to prometheus.yml)", entry)
                    .isRegularFile();
            Map<String, Object> rules = yaml(ROOT.relativize(file).toString());
            List<Object> groups = list(rules.get("groups"), "groups");
            assertThat(groups).as("groups in %s", entry).isNotEmpty();
            for (Object g : groups) {
                Map<String, Object> group = map(g, "group");
                assertThat(str(group.get("name"))).isNotBlank();
                for (Object r : list(group.get("rules"), "rules")) {
                    Map<String, Object> rule = map(r, "rule");
                    assertThat(str(rule.get("expr"))).as("expr of %s", rule).isNotBlank();
                    if (rule.containsKey("for")) {
                        assertThat(str(rule.get("for"))).matches("(\\d+(ms|s|m|h|d|w|y))+");
                    }
                    if (rule.containsKey("alert")) {
                        alerts.put(str(rule.get("alert")), rule);
                    }
                }
            }
        }
        assertThat(alerts)
                .as("the alerts docs/operations.md \"Alerts\" explains")
                .containsOnlyKeys(ALERT_NAMES);
        assertThat(alerts).isEqualTo(MonitoringFiles.alertRules());
        assertThat(str(alerts.get("GateSyncTargetDown").get("expr"))).isEqualTo("up == 0");
        alerts.forEach((name, rule) -> {
            assertThat(str(map(rule.get("labels"), name + ".labels").get("severity")))
                    .as("severity of %s", name)
                    .isIn("warning", "critical");
            Map<String, Object> annotations = map(rule.get("annotations"), name + ".annotations");
            assertThat(str(annotations.get("summary")))
                    .as("summary of %s", name)
                    .isNotBlank();
            assertThat(str(annotations.get("description")))
                    .as("description of %s", name)
                    .isNotBlank();
            assertThat(rule).as("%s waits before it fires", name).containsKey("for");
        });
    }

    @Test
    void everyAlertHasAUnitTestThatFiresItAndPromtoolPassesThemWhereInstalled() throws Exception {
        Map<String, Object> tests = yaml("deploy/prometheus/alerts.test.yml");
        assertThat(list(tests.get("rule_files"), "rule_files")).containsExactly("alerts.yml");
        Set<String> fired = new TreeSet<>();
        for (Object t : list(tests.get("tests"), "tests")) {
            for (Object c : list(map(t, "test").get("alert_rule_test"), "alert_rule_test")) {
                Map<String, Object> check = map(c, "alert_rule_test");
                String alert = str(check.get("alertname"));
                assertThat(MonitoringFiles.alertRules())
                        .as("alerts.test.yml tests an alert alerts.yml has")
                        .containsKey(alert);
                if (!list(check.get("exp_alerts"), "exp_alerts").isEmpty()) {
                    fired.add(alert);
                }
            }
        }
        assertThat(fired).as("alerts a unit test fires").containsExactlyInAnyOrderElementsOf(ALERT_NAMES);

        boolean promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(promtool)
                    .as("CI installs promtool with bin/ensure-test-tools")
                    .isTrue();
        }
        Assumptions.assumeTrue(promtool, "promtool is not installed (bin/ensure-test-tools)");
        Process check = new ProcessBuilder(ROOT.resolve("bin/check-alerts").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as("bin/check-alerts:%n%s", output).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Grafana
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void grafanaDatasourceIsThePrometheusServiceAndDashboardsUseItsUid() throws IOException {
        Map<String, Object> datasources = yaml("deploy/grafana/provisioning/datasources/prometheus.yml");
        assertThat(datasources.get("apiVersion")).isEqualTo(1);
        List<Map<String, Object>> prometheusSources = list(datasources.get("datasources"), "datasources").stream()
                .map(d -> map(d, "datasource"))
                .filter(d -> "prometheus".equals(d.get("type")))
                .toList();
        assertThat(prometheusSources).hasSize(1);
        Map<String, Object> source = prometheusSources.get(0);
        String uid = str(source.get("uid"));
        assertThat(uid).isEqualTo("prometheus");
        assertThat(source.get("isDefault")).isEqualTo(true);
        Matcher url = Pattern.compile("http://([a-z0-9-]+):(\\d+)").matcher(str(source.get("url")));
        assertThat(url.matches()).as("datasource url %s", source.get("url")).isTrue();
        assertThat(services).containsKey(url.group(1));
        assertThat(listeningPorts(url.group(1))).contains(url.group(2));

        JsonMapper json = JsonMapper.builder().build();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            dashboards =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).as("dashboard files").isNotEmpty();
        Set<String> uids = new LinkedHashSet<>();
        for (Path file : dashboards) {
            JsonNode dashboard = json.readTree(file);
            assertThat(uids.add(dashboard.path("uid").asString()))
                    .as("unique uid in %s", file)
                    .isTrue();
            assertThat(dashboard.path("panels").isArray())
                    .as("panels of %s", file)
                    .isTrue();
            List<JsonNode> refs = new ArrayList<>();
            collectDatasourceRefs(dashboard, refs);
            assertThat(refs).as("datasource references in %s", file).isNotEmpty();
            for (JsonNode ref : refs) {
                assertThat(ref.path("uid").asString())
                        .as("datasource uid in %s", file.getFileName())
                        .isEqualTo(uid);
            }
            for (JsonNode panel : dashboard.path("panels").values()) {
                for (JsonNode target : panel.path("targets").values()) {
                    assertThat(target.path("expr").asString())
                            .as("query of panel %s", panel.path("title"))
                            .isNotBlank();
                }
            }
        }
        assertThat(uids).containsExactlyInAnyOrder("gatesync-overview", "rabbitmq-overview");
        Set<String> overview =
                MonitoringFiles.dashboardQueries(ROOT.resolve("deploy/grafana/dashboards/gatesync-overview.json"))
                        .values()
                        .stream()
                        .flatMap(expr -> MonitoringFiles.metricNames(expr).stream())
                        .collect(Collectors.toSet());
        assertThat(overview)
                .as("what the GateSync dashboard shows")
                .contains(
                        "gatesync_commands_published_total",
                        "gatesync_commands_processed_seconds_count", // throughput
                        "gatesync_sync_lag_seconds",
                        "gatesync_pull_watermark_age_seconds", // lag
                        "gatesync_biotime_requests_seconds_bucket",
                        "gatesync_biotime_circuit_open", // BioTime
                        "gatesync_biotime_ratelimit_rate", // budget
                        "rabbitmq_queue_messages_ready",
                        "gatesync_queue_messages",
                        "gatesync_deadletters_pending", // queues
                        "gatesync_jobs_runs_seconds_count",
                        "jvm_memory_used_bytes",
                        "up",
                        "gatesync_terminals_silent",
                        "gatesync_punches_parked",
                        "gatesync_pull_complete_lag_seconds", // pull
                        "gatesync_reconcile_unresolved"); // reconciliation
        Set<String> broker =
                MonitoringFiles.dashboardQueries(ROOT.resolve("deploy/grafana/dashboards/rabbitmq-overview.json"))
                        .values()
                        .stream()
                        .flatMap(expr -> MonitoringFiles.metricNames(expr).stream())
                        .collect(Collectors.toSet());
        assertThat(broker)
                .as("the RabbitMQ dashboard reads the broker's plugin only")
                .isNotEmpty()
                .allMatch(name -> name.startsWith("rabbitmq_"))
                .contains("rabbitmq_queue_messages_ready", "rabbitmq_queue_messages_unacked", "rabbitmq_connections");
    }

    @Test
    void everyGateSyncMetricTheDashboardsAndAlertsUseIsDocumentedInTheOperationsPage() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/operations.md"));
        MonitoringFiles.usedMetricNames().forEach((name, where) -> {
            if (name.startsWith("gatesync_")) {
                String base = name.replaceAll("_(bucket|count|sum|max)$", "");
                assertThat(page.contains("`" + base + "`"))
                        .as("docs/operations.md documents `%s` (used by %s)", base, where)
                        .isTrue();
            }
        });
    }

    @Test
    void promqlNamesAreTheMetricsNotTheFunctionsLabelsOrStrings() {
        assertThat(
                        MonitoringFiles.metricNames(
                                "histogram_quantile(0.95, sum by (le, endpoint) "
                                        + "(rate(gatesync_biotime_requests_seconds_bucket{outcome=~\"5xx|timeout\"}[$__rate_interval])))"))
                .containsExactly("gatesync_biotime_requests_seconds_bucket");
        assertThat(MonitoringFiles.metricNames("time() - max by (job) (a_seconds) > 3 * max without (instance) "
                        + "(b_seconds) and on() c offset 5m or vector(1e3) unless d_total{x=\"y z\"}"))
                .containsExactly("a_seconds", "b_seconds", "c", "d_total");
    }

    @Test
    void grafanaProvisioningPathsMatchTheComposeMounts() {
        Map<String, Object> providers = yaml("deploy/grafana/provisioning/dashboards/gatesync.yml");
        assertThat(providers.get("apiVersion")).isEqualTo(1);
        List<Mount> mounts = mounts(map(services.get("grafana"), "grafana"), "grafana");
        assertThat(mounts).contains(new Mount("./deploy/grafana/provisioning", "/etc/grafana/provisioning", true));
        for (Object p : list(providers.get("providers"), "providers")) {
            Map<String, Object> provider = map(p, "provider");
            assertThat(provider.get("type")).isEqualTo("file");
            String path = str(map(provider.get("options"), "options").get("path"));
            assertThat(mounts)
                    .as("a mount of the dashboards at %s", path)
                    .contains(new Mount("./deploy/grafana/dashboards", path, true));
        }
        assertThat(environment(map(services.get("grafana"), "grafana"), "grafana")
                        .get("GF_SECURITY_ADMIN_PASSWORD"))
                .startsWith("${GRAFANA_ADMIN_PASSWORD");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Health groups, and Kubernetes
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void readinessMeansDatabaseAndBrokerAndLivenessTheJvmOnly() {
        for (String app : List.of("api", "worker")) {
            App a = App.of(app);
            Map<String, Object> health = map(
                    map(map(a.config().get("management"), "management").get("endpoint"), "endpoint")
                            .get("health"),
                    app + " management.endpoint.health");
            assertThat(map(health.get("probes"), "probes")).as("%s probes", app).containsEntry("enabled", true);
            Map<String, Object> groups = map(health.get("group"), app + " health groups");
            assertThat(members(groups, "readiness"))
                    .as("%s readiness group", app)
                    .containsExactlyInAnyOrder("readinessState", "db", "rabbit");
            assertThat(members(groups, "liveness")).as("%s liveness group", app).containsExactly("livenessState");
        }
    }

    @Test
    void kubernetesManifestsRunTheImagesOnTheirPortsWithProbesOnTheHealthGroups() throws IOException {
        Path dir = ROOT.resolve("deploy/k8s");
        Map<String, Object> kustomization = yaml("deploy/k8s/kustomization.yaml");
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>(); // "Kind/name" -> object
        for (Object resource : list(kustomization.get("resources"), "resources")) {
            Path file = dir.resolve(str(resource));
            assertThat(file).as("kustomization resource %s", resource).isRegularFile();
            k8sObjects(file)
                    .forEach(o -> objects.put(
                            o.get("kind") + "/"
                                    + map(o.get("metadata"), "metadata").get("name"),
                            o));
        }
        assertThat(list(kustomization.get("resources"), "resources"))
                .as("the example Secret is never applied")
                .doesNotContain("secret.example.yaml");
        Map<String, Object> secret =
                k8sObjects(dir.resolve("secret.example.yaml")).get(0);
        assertThat(secret.get("kind")).isEqualTo("Secret");
        String secretName = str(map(secret.get("metadata"), "metadata").get("name"));
        Set<String> secretKeys = map(secret.get("stringData"), "stringData").keySet();
        map(secret.get("stringData"), "stringData").forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(str(value)).as("example value of %s", key).startsWith("change-me");
            }
        });

        for (String app : List.of("api", "worker")) {
            App a = App.of(app);
            Map<String, Object> deployment = objects.get("Deployment/gatesync-" + app);
            assertThat(deployment).as("Deployment gatesync-%s", app).isNotNull();
            Map<String, Object> template =
                    map(map(deployment.get("spec"), "spec").get("template"), "template");
            Map<String, Object> labels =
                    map(map(template.get("metadata"), "metadata").get("labels"), "labels");
            Map<String, Object> pod = map(template.get("spec"), "pod spec");
            assertThat(map(pod.get("securityContext"), "securityContext"))
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry(
                            "runAsUser",
                            Integer.parseInt(
                                    dockerfile.effectiveUser("app-" + app, app).split(":")[0]));
            Map<String, Object> container =
                    map(list(pod.get("containers"), "containers").get(0), "container");
            assertThat(str(container.get("image"))).isEqualTo("gatesync-" + app);
            Map<String, Integer> ports = new LinkedHashMap<>();
            list(container.get("ports"), "ports")
                    .forEach(p -> ports.put(str(map(p, "port").get("name")), (Integer)
                            map(p, "port").get("containerPort")));
            assertThat(ports.values())
                    .as("container port of %s = server.port", app)
                    .containsExactly(a.port());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> get = map(map(container.get(probe), probe).get("httpGet"), probe + ".httpGet");
                String group = probe.equals("readinessProbe") ? "readiness" : "liveness";
                assertThat(str(get.get("path"))).as("%s of %s", probe, app).isEqualTo("/actuator/health/" + group);
                assertThat(ports).as("%s port of %s", probe, app).containsKey(str(get.get("port")));
            }
            for (Object from : list(container.get("envFrom"), "envFrom")) {
                Map<String, Object> ref = map(from, "envFrom");
                if (ref.containsKey("secretRef")) {
                    assertThat(map(ref.get("secretRef"), "secretRef").get("name"))
                            .isEqualTo(secretName);
                } else {
                    String configMap =
                            str(map(ref.get("configMapRef"), "configMapRef").get("name"));
                    assertThat(objects).as("ConfigMap %s", configMap).containsKey("ConfigMap/" + configMap);
                }
            }
            Map<String, Object> service = map(objects.get("Service/gatesync-" + app), "Service gatesync-" + app);
            Map<String, Object> serviceSpec = map(service.get("spec"), "service spec");
            assertThat(labels)
                    .as("pods the Service of %s selects", app)
                    .containsAllEntriesOf(map(serviceSpec.get("selector"), "selector"));
            list(serviceSpec.get("ports"), "service ports")
                    .forEach(p -> assertThat(ports)
                            .as("Service targetPort of %s", app)
                            .containsKey(str(map(p, "port").get("targetPort"))));
        }
        // The secrets every app needs are in the example (as the compose file passes them)
        assertThat(secretKeys)
                .contains(
                        "SPRING_DATASOURCE_PASSWORD",
                        "SPRING_RABBITMQ_PASSWORD",
                        "ZKTECO_PASSWORD",
                        "GATESYNC_ADMIN_PASSWORD",
                        "GATESYNC_METRICS_PASSWORD");

        Map<String, Object> scaled = map(objects.get("ScaledObject/gatesync-worker"), "ScaledObject gatesync-worker");
        Map<String, Object> scaledSpec = map(scaled.get("spec"), "ScaledObject spec");
        assertThat(map(scaledSpec.get("scaleTargetRef"), "scaleTargetRef").get("name"))
                .isEqualTo("gatesync-worker");
        String prefix = AmqpProperties.class.getDeclaredConstructors()[0].getParameters()[0].getAnnotation(
                        DefaultValue.class)
                .value()[0];
        Set<String> queues = new TreeSet<>();
        for (Object t : list(scaledSpec.get("triggers"), "triggers")) {
            Map<String, Object> trigger = map(t, "trigger");
            assertThat(trigger.get("type")).isEqualTo("rabbitmq");
            Map<String, Object> metadata = map(trigger.get("metadata"), "trigger metadata");
            assertThat(metadata).containsEntry("mode", "QueueLength").doesNotContainKey("host");
            queues.add(str(metadata.get("queueName")));
            String auth = str(
                    map(trigger.get("authenticationRef"), "authenticationRef").get("name"));
            Map<String, Object> triggerAuth = map(objects.get("TriggerAuthentication/" + auth), auth);
            for (Object ref : list(map(triggerAuth.get("spec"), "spec").get("secretTargetRef"), "secretTargetRef")) {
                assertThat(map(ref, "ref")).containsEntry("name", secretName);
                assertThat(secretKeys).contains(str(map(ref, "ref").get("key")));
            }
        }
        assertThat(queues)
                .as("KEDA watches the entry-sync and person-sync work queues")
                .containsExactlyInAnyOrder(
                        prefix + "." + CommandKind.ENTRY_SYNC.routingKey(),
                        prefix + "." + CommandKind.PERSON_SYNC.routingKey());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> k8sObjects(Path file) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        for (Object document : new Yaml(new SafeConstructor(options)).loadAll(Files.readString(file))) {
            if (document != null) {
                Map<String, Object> object = map(document, file.getFileName().toString());
                assertThat(object)
                        .as("Kubernetes object in %s", file.getFileName())
                        .containsKeys("apiVersion", "kind", "metadata");
                objects.add(object);
            }
        }
        return objects;
    }

    private static List<String> members(Map<String, Object> groups, String group) {
        Object include = map(groups.get(group), group).get("include");
        return Arrays.stream(str(include).split(",")).map(String::strip).toList();
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, Object> yaml(String relative) {
        Map<String, Object> document = MonitoringFiles.yaml(ROOT.resolve(relative));
        assertThat(document).as("%s is a YAML mapping", relative).isInstanceOf(Map.class);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        assertThat(value).as("%s is a mapping", what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        assertThat(value).as("%s is a list", what).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static <T> int indexOf(List<T> items, java.util.function.Predicate<T> test) {
        for (int i = 0; i < items.size(); i++) {
            if (test.test(items.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static List<String> reactorModules() {
        try {
            String pom = Files.readString(ROOT.resolve("pom.xml"));
            Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
            List<String> modules = new ArrayList<>();
            while (m.find()) {
                modules.add(m.group(1).strip());
            }
            assertThat(modules).as("modules of the parent pom").isNotEmpty();
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> buildArgs(Map<String, Object> build) {
        Object args = build.get("args");
        Map<String, String> result = new LinkedHashMap<>();
        if (args instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(str(k), str(v)));
        } else {
            for (Object entry : list(args, "build.args")) {
                String[] kv = str(entry).split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return result;
    }

    private static Map<String, String> environment(Map<String, Object> service, String name) {
        Object env = service.get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(str(k), str(v)));
        } else {
            for (Object entry : list(env, name + ".environment")) {
                String[] kv = str(entry).split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return result;
    }

    private static Map<String, String> dependsOn(Map<String, Object> service, String name) {
        Object deps = service.get("depends_on");
        Map<String, String> result = new LinkedHashMap<>();
        if (deps instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(
                    str(k), str(map(v, name + ".depends_on." + k).getOrDefault("condition", "service_started"))));
        } else {
            list(deps, name + ".depends_on").forEach(d -> result.put(str(d), "service_started"));
        }
        return result;
    }

    private static List<String> profiles(Map<String, Object> service) {
        return list(service.get("profiles"), "profiles").stream()
                .map(DeploymentFilesTest::str)
                .toList();
    }

    private static String healthcheckCommand(Map<String, Object> service, String name) {
        Object test = map(service.get("healthcheck"), name + ".healthcheck").get("test");
        assertThat(test).as("healthcheck of %s", name).isNotNull();
        return test instanceof List<?> parts
                ? parts.stream().map(DeploymentFilesTest::str).collect(Collectors.joining(" "))
                : str(test);
    }

    /** The host part of a compose port, or null when only a container port is given. */
    private static String hostPort(Object port) {
        if (port instanceof Map<?, ?> m) {
            return m.get("published") == null ? null : str(m.get("published"));
        }
        String[] parts = withoutVariables(str(port)).split("/")[0].split(":");
        return parts.length > 1 ? parts[parts.length - 2] : null;
    }

    private static String containerPort(Object port) {
        if (port instanceof Map<?, ?> m) {
            return str(m.get("target"));
        }
        String[] parts = withoutVariables(str(port)).split("/")[0].split(":");
        return parts[parts.length - 1];
    }

    /** ${VAR:-a:b} may hold colons; a port entry is read with each variable replaced by a plain word. */
    private static String withoutVariables(String value) {
        return VARIABLE.matcher(value).replaceAll("VAR");
    }

    /** The ports a service listens on inside the compose network. */
    private Set<String> listeningPorts(String name) {
        Map<String, Object> service = map(services.get(name), name);
        Set<String> ports = new TreeSet<>();
        if (APPS.contains(name) && service.containsKey("build")) {
            String override = environment(service, name).get("SERVER_PORT");
            ports.add(override != null ? override : String.valueOf(App.of(name).port()));
            return ports;
        }
        list(service.getOrDefault("expose", List.of()), name + ".expose").forEach(p -> ports.add(str(p).split("/")[0]));
        list(service.getOrDefault("ports", List.of()), name + ".ports").forEach(p -> ports.add(containerPort(p)));
        return ports;
    }

    private record Mount(String source, String target, boolean bind) {}

    private static List<Mount> mounts(Map<String, Object> service, String name) {
        List<Mount> mounts = new ArrayList<>();
        for (Object volume : list(service.getOrDefault("volumes", List.of()), name + ".volumes")) {
            String source;
            String target;
            if (volume instanceof Map<?, ?> m) {
                source = str(m.get("source"));
                target = str(m.get("target"));
            } else {
                String[] parts = str(volume).split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : parts[0];
            }
            boolean bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
            mounts.add(new Mount(source, target, bind));
        }
        return mounts;
    }

    /** Every VAR named in .env.example, set (VAR=value) or documented as a commented default (# VAR=value). */
    private static Map<String, String> envExample() {
        Map<String, String> all = new LinkedHashMap<>(envExampleAssignments(true));
        all.putAll(envExampleAssignments(false));
        return all;
    }

    private static Map<String, String> envExampleAssignments(boolean commented) {
        Pattern line =
                commented ? Pattern.compile("#\\s*([A-Z][A-Z0-9_]*)=(.*)") : Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");
        try {
            Map<String, String> result = new LinkedHashMap<>();
            for (String l : Files.readAllLines(ROOT.resolve(".env.example"))) {
                Matcher m = line.matcher(l.strip());
                if (m.matches()) {
                    result.put(m.group(1), m.group(2).strip());
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectDatasourceRefs(JsonNode node, List<JsonNode> refs) {
        if (node.isObject()) {
            JsonNode ds = node.get("datasource");
            if (ds != null && ds.isObject()) {
                refs.add(ds);
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                collectDatasourceRefs(child.getValue(), refs);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node.values()) {
                collectDatasourceRefs(child, refs);
            }
        }
    }

    /** An app's module, artifact and port, read from its pom and its config file (named like the artifact). */
    private record App(String module, String artifactId, int port, Map<String, Object> config) {

        static App of(String app) {
            try {
                String pom = Files.readString(ROOT.resolve(app).resolve("pom.xml"));
                Matcher id = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL)
                        .matcher(pom);
                assertThat(id.find()).as("artifactId in %s/pom.xml", app).isTrue();
                String artifactId = id.group(1).strip();
                Path config = ROOT.resolve(app).resolve("src/main/resources").resolve(artifactId + ".yml");
                Map<String, Object> yaml =
                        DeploymentFilesTest.yaml(ROOT.relativize(config).toString());
                String port = str(map(yaml.get("server"), config + " server").get("port"));
                Matcher placeholder =
                        Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:(\\d+)}").matcher(port);
                return new App(
                        app, artifactId, Integer.parseInt(placeholder.matches() ? placeholder.group(1) : port), yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // a small Dockerfile reader: stages, their instructions, global ARGs
    // ---------------------------------------------------------------------------------------------------------

    private record Instruction(String keyword, String args) {}

    private record Stage(String name, String base, List<Instruction> instructions) {

        List<String> args(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .map(Instruction::args)
                    .toList();
        }
    }

    private record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {

        static Dockerfile parse(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> logical = new ArrayList<>();
            StringBuilder current = null;
            for (String raw : lines) {
                String line = raw.strip();
                if (line.startsWith("#") || (line.isEmpty() && current == null)) {
                    continue; // comments, also inside a continued instruction, and blank lines
                }
                boolean continues = line.endsWith("\\");
                String part = continues ? line.substring(0, line.length() - 1).strip() : line;
                current = current == null
                        ? new StringBuilder(part)
                        : current.append(' ').append(part);
                if (!continues) {
                    logical.add(current.toString().strip());
                    current = null;
                }
            }
            if (current != null) {
                fail("%s ends inside a continued instruction", file);
            }
            Map<String, String> globalArgs = new LinkedHashMap<>();
            List<Stage> stages = new ArrayList<>();
            for (String instruction : logical) {
                String[] split = instruction.split("\\s+", 2);
                String keyword = split[0].toUpperCase(Locale.ROOT);
                String args = split.length > 1 ? split[1] : "";
                if (keyword.equals("FROM")) {
                    List<String> words = Arrays.stream(args.split("\\s+"))
                            .filter(w -> !w.startsWith("--"))
                            .toList();
                    String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
                    stages.add(new Stage(name, words.get(0), new ArrayList<>()));
                } else if (stages.isEmpty()) {
                    assertThat(keyword)
                            .as("only ARG may come before the first FROM")
                            .isEqualTo("ARG");
                    String[] kv = args.split("=", 2);
                    globalArgs.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : null);
                } else {
                    stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, args));
                }
            }
            assertThat(stages).as("stages in %s", file).isNotEmpty();
            return new Dockerfile(globalArgs, stages);
        }

        Stage stage(String name) {
            return stages.stream()
                    .filter(s -> name.equals(s.name()))
                    .findFirst()
                    .orElse(null);
        }

        String resolve(String base, String app) {
            return base.replace("${APP}", app).replace("$APP", app);
        }

        /** The USER a stage runs as, following FROM through earlier stages; null means the base image's (root). */
        String effectiveUser(String stageName, String app) {
            Stage stage = stage(stageName);
            for (int depth = 0; stage != null && depth < stages.size(); depth++) {
                List<String> users = stage.args("USER");
                if (!users.isEmpty()) {
                    return users.get(users.size() - 1);
                }
                stage = stage(resolve(stage.base(), app));
            }
            return null;
        }

        /** The external image a stage finally starts from. */
        String rootImage(String stageName, String app) {
            Stage stage = stage(stageName);
            String image = stageName;
            for (int depth = 0; stage != null && depth < stages.size(); depth++) {
                image = resolve(stage.base(), app);
                stage = stage(image);
            }
            return image;
        }
    }
}
