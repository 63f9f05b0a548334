package io.gatesync.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.gatesync.common.synclog.SyncLogKind;
import io.gatesync.common.synclog.SyncLogOutcome;

/** The dashboard page offers the sync log's kinds and outcomes as typed in common, no more and no fewer. */
class SyncLogFilterTest {

    @Test
    void theDashboardsSyncLogFiltersOfferEveryKindAndOutcome() throws IOException {
        String page;
        try (InputStream in = getClass().getResourceAsStream("/static/zkteco/index.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the sync log section's form (the dead letters' form has a kind select too)
        String syncLogs = page.substring(page.indexOf("<option>JOB</option>") - 400);
        assertThat(options(syncLogs, "kind"))
                .containsExactlyElementsOf(
                        Stream.of(SyncLogKind.values()).map(Enum::name).toList());
        assertThat(options(syncLogs, "outcome"))
                .containsExactlyElementsOf(
                        Stream.of(SyncLogOutcome.values()).map(Enum::name).toList());
    }

    private static List<String> options(String html, String select) {
        int start = html.indexOf("<select name=\"" + select + "\">");
        String body = html.substring(start, html.indexOf("</select>", start));
        Matcher option = Pattern.compile("<option>([A-Z_]+)</option>").matcher(body);
        return option.results().map(m -> m.group(1)).toList();
    }
}
