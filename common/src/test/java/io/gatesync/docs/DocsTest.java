package io.gatesync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.gatesync.testsupport.MonitoringFiles;

/**
 * The README and docs/ stay true to the tree: every file docs/architecture.md names exists (its "Follow a gate event"
 * hops each name one), every link between the pages reaches a page and a heading that exist, and no table row is
 * written twice (a table lives on one page; the others link to it). Reads text only: no Spring, no services.
 */
class DocsTest {

    private static final Path ROOT = MonitoringFiles.ROOT;

    /** A backticked word with a slash: a path when it ends like a repository file or lies under bin/. */
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+/[^`\\s]*)`");

    private static final Pattern FILE_PATH =
            Pattern.compile("(?!/)[^<>{}*]+\\.(java|sql|yml|yaml|md|sh|json|html|xml|js|css)|bin/[\\w.-]+");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) +(.+?) *#*$");
    private static final Pattern HOP = Pattern.compile("^\\d+\\. ");

    @Test
    void everyFileTheArchitecturePageNamesExists() throws IOException {
        List<String> lines = prose(ROOT.resolve("docs/architecture.md"));
        Set<String> named = paths(String.join("\n", lines));
        assertThat(named).as("docs/architecture.md names the files of the flow").isNotEmpty();
        List<String> missing =
                named.stream().filter(path -> !Files.exists(ROOT.resolve(path))).toList();
        assertThat(missing)
                .as("files docs/architecture.md names that do not exist (moved or renamed? "
                        + "name them as they are now)")
                .isEmpty();
    }

    @Test
    void everyHopOfFollowAGateEventNamesAFile() throws IOException {
        List<String> section = section(prose(ROOT.resolve("docs/architecture.md")), "Follow a gate event");
        List<String> hops = hops(section);
        assertThat(hops)
                .as("the hops of \"Follow a gate event\" in docs/architecture.md")
                .hasSizeGreaterThan(10);
        for (String hop : hops) {
            assertThat(paths(hop))
                    .as("this hop of docs/architecture.md names no file: %s", hop)
                    .isNotEmpty();
        }
    }

    @Test
    void theReadmesFirstScreenLeadsToTheGateEventWalk() throws IOException {
        List<String> first =
                Files.readAllLines(ROOT.resolve("README.md")).stream().limit(30).toList();
        assertThat(String.join("\n", first))
                .as("README.md's first 30 lines link the page that follows a gate event")
                .contains("docs/architecture.md#follow-a-gate-event");
    }

    @Test
    void theReadmeNamesTheTestCommandCiRuns() throws IOException {
        assertThat(Files.readString(ROOT.resolve(".ci/run")))
                .as(".ci/run runs bin/test")
                .containsPattern("(?m)^bin/test\\b");
        assertThat(Files.readString(ROOT.resolve("README.md")))
                .as("README.md gives bin/test as the test command")
                .containsPattern("(?m)^bin/test +# every test");
    }

    @Test
    void everyLinkBetweenThePagesReachesAPageAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            String from = ROOT.relativize(page).toString();
            for (String line : prose(page)) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    String anchor = hash < 0 ? null : target.substring(hash + 1);
                    Path resolved = file.isEmpty()
                            ? page
                            : page.getParent().resolve(file).normalize();
                    String name = ROOT.relativize(resolved).toString();
                    if (!Files.exists(resolved)) {
                        broken.add(from + ": " + target + " (no file " + name + ")");
                    } else if (anchor != null
                            && name.endsWith(".md")
                            && !anchors(resolved).contains(anchor)) {
                        broken.add(from + ": " + target + " (no heading #" + anchor + " in " + name + ")");
                    }
                }
            }
        }
        assertThat(broken).as("links in README.md and docs/ that lead nowhere").isEmpty();
    }

    @Test
    void noTableRowIsWrittenTwice() throws IOException {
        Map<String, List<String>> places = new LinkedHashMap<>();
        for (Path page : pages()) {
            List<String> lines = prose(page);
            for (int i = 0; i < lines.size(); i++) {
                String row = lines.get(i).strip();
                boolean header =
                        i + 1 < lines.size() && separator(lines.get(i + 1).strip());
                if (!row.startsWith("|") || separator(row) || header) {
                    continue;
                }
                String key = row.split("(?<!\\\\)\\|")[1].strip();
                places.computeIfAbsent(key, k -> new ArrayList<>()).add(ROOT.relativize(page) + ":" + (i + 1));
            }
        }
        places.values().removeIf(where -> where.size() < 2);
        assertThat(places)
                .as("table rows documented in more than one place: keep one, link to it")
                .isEmpty();
    }

    @Test
    void theChecksSeeWhatTheyLookFor() {
        assertThat(paths("`api/src/Main.java` `bin/test` `/api/events` `bench/results/<scenario>.json` `docs/`"))
                .containsExactly("api/src/Main.java", "bin/test");
        assertThat(slug("Operations (`/zkteco`)")).isEqualTo("operations-zkteco");
        assertThat(slug("Retries, outages and dead letters")).isEqualTo("retries-outages-and-dead-letters");
        assertThat(hops(List.of("1. **a** `x/A.java`", "   more", "2. b", "", "text")))
                .containsExactly("1. **a** `x/A.java`\n   more", "2. b");
    }

    /** README.md and every page under docs/. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** A page's lines with fenced code blocks blanked (their lines keep their numbers). */
    private static List<String> prose(Path page) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            boolean fence = line.strip().startsWith("```");
            lines.add(fenced || fence ? "" : line);
            fenced ^= fence;
        }
        return lines;
    }

    private static Set<String> paths(String text) {
        Set<String> paths = new LinkedHashSet<>();
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            if (FILE_PATH.matcher(code.group(1)).matches()) {
                paths.add(code.group(1));
            }
        }
        return paths;
    }

    /** The lines under a heading, up to the next heading of its level or higher. */
    private static List<String> section(List<String> lines, String title) {
        int level = 0;
        List<String> section = new ArrayList<>();
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches() && level > 0 && heading.group(1).length() <= level) {
                break;
            }
            if (level > 0) {
                section.add(line);
            } else if (heading.matches() && heading.group(2).equals(title)) {
                level = heading.group(1).length();
            }
        }
        assertThat(level).as("docs/architecture.md has a heading \"%s\"", title).isPositive();
        return section;
    }

    /** Numbered list items, each with its indented continuation lines. */
    private static List<String> hops(List<String> lines) {
        List<String> hops = new ArrayList<>();
        StringBuilder hop = null;
        for (String line : lines) {
            if (HOP.matcher(line).find()) {
                if (hop != null) {
                    hops.add(hop.toString());
                }
                hop = new StringBuilder(line);
            } else if (hop != null && line.startsWith(" ") && !line.isBlank()) {
                hop.append('\n').append(line);
            } else if (hop != null) {
                hops.add(hop.toString());
                hop = null;
            }
        }
        if (hop != null) {
            hops.add(hop.toString());
        }
        return hops;
    }

    /** The anchors GitHub gives a page's headings (a repeated heading gets -1, -2, …). */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        }
        return anchors;
    }

    private static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private static boolean separator(String row) {
        return row.startsWith("|") && row.matches("[|:\\- ]+");
    }
}
