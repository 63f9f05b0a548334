package io.gatesync.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL that ops look at, read from the repository: every Grafana dashboard's queries and every alert rule's
 * expression, and the metric names they select, as Prometheus exposes them (sample names: {@code _bucket},
 * {@code _count}, {@code _sum}, {@code _max}, {@code _total} included). Used to check that the apps really export
 * each name (MetricsTest) and that the files agree with each other and docs/operations.md (DeploymentFilesTest).
 */
public final class MonitoringFiles {

    public static final Path ROOT = repositoryRoot();
    public static final Path DASHBOARDS = ROOT.resolve("deploy/grafana/dashboards");
    public static final Path ALERTS = ROOT.resolve("deploy/prometheus/alerts.yml");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS =
            Pattern.compile("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSETS = Pattern.compile("(?i)\\boffset\\s+-?[0-9a-z]+");
    /** An identifier not preceded by a digit, a dot or $ (numbers like 1e3, Grafana variables). */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "inf",
            "nan");

    private MonitoringFiles() {}

    /** Metric names a PromQL expression selects (function names, keywords, labels and strings left out). */
    public static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = LABEL_LISTS.matcher(s).replaceAll(" ");
        s = OFFSETS.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String rest = s.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            if (!function && !KEYWORDS.contains(m.group().toLowerCase(Locale.ROOT))) {
                names.add(m.group());
            }
        }
        return names;
    }

    public static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode dashboard(Path file) {
        return JsonMapper.builder().build().readTree(file.toFile());
    }

    /** Every query of a dashboard ("panel title / refId" → expr), rows' nested panels included. */
    public static Map<String, String> dashboardQueries(Path file) {
        Map<String, String> queries = new LinkedHashMap<>();
        collectQueries(dashboard(file).path("panels"), queries);
        return queries;
    }

    private static void collectQueries(JsonNode panels, Map<String, String> queries) {
        for (JsonNode panel : panels.values()) {
            for (JsonNode target : panel.path("targets").values()) {
                if (target.hasNonNull("expr")) {
                    queries.put(
                            panel.path("title").asString() + " / "
                                    + target.path("refId").asString(),
                            target.get("expr").asString());
                }
            }
            collectQueries(panel.path("panels"), queries);
        }
    }

    /** The alert rules of alerts.yml, by alert name, each as its YAML mapping. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> alertRules() {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Object group : (List<Object>) yaml(ALERTS).get("groups")) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                Map<String, Object> r = (Map<String, Object>) rule;
                if (r.containsKey("alert")) {
                    rules.put(String.valueOf(r.get("alert")), r);
                }
            }
        }
        return rules;
    }

    /** Every metric name used by a dashboard query or an alert rule, with one place that uses it. */
    public static Map<String, String> usedMetricNames() {
        Map<String, String> used = new TreeMap<>();
        for (Path file : dashboards()) {
            dashboardQueries(file)
                    .forEach((where, expr) -> metricNames(expr)
                            .forEach(name -> used.putIfAbsent(name, file.getFileName() + ": " + where)));
        }
        alertRules()
                .forEach((alert, rule) -> metricNames(String.valueOf(rule.get("expr")))
                        .forEach(name -> used.putIfAbsent(name, "alerts.yml: " + alert)));
        return used;
    }

    /**
     * The used names the api and the worker must export themselves: not the broker's rabbitmq_* (its
     * rabbitmq_prometheus plugin on :15692 exports those) nor {@code up} (Prometheus makes it for every target).
     */
    public static Map<String, String> appMetricNames() {
        Map<String, String> fromApps = usedMetricNames();
        fromApps.keySet().removeIf(name -> name.startsWith("rabbitmq_") || name.equals("up"));
        return fromApps;
    }

    /** Sample names in a Prometheus text exposition. */
    public static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tests run in a module directory; walk up to the directory that holds docker-compose.yml. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
