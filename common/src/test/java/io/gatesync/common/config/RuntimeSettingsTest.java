package io.gatesync.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.testsupport.TestServices;

class RuntimeSettingsTest {

    private static JdbcClient jdbc;
    private static TransactionTemplate tx;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = TestServices.get().newMigratedDataSource();
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private static RuntimeSettings node(String... environment) {
        StandardEnvironment env = new StandardEnvironment();
        Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i < environment.length; i += 2) {
            values.put(environment[i], environment[i + 1]);
        }
        env.getPropertySources().addFirst(new MapPropertySource("test", values));
        return new RuntimeSettings(jdbc, tx, env, Duration.ofMillis(200));
    }

    @Test
    void anOverrideWinsOverTheEnvironmentOnEveryNodeAndIsRecorded() {
        RuntimeSettings one = node("zkteco.sync-interval", "5", "zkteco.batch-size", "300");
        RuntimeSettings other = node("zkteco.sync-interval", "5", "zkteco.batch-size", "300");
        assertThat(other.current().syncInterval()).isEqualTo(5);
        one.update("sync-interval", "7", "alice");
        assertThat(one.current().syncInterval()).isEqualTo(7);
        assertThat(one.current().batchSize())
                .as("others stay the environment's")
                .isEqualTo(300);
        // the other node reads it again within its refresh period (200 ms)
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(other.current().syncInterval()).isEqualTo(7));
        assertThat(jdbc.sql("SELECT changed_by, old_value, new_value FROM zkteco_config_history "
                                + "WHERE config_key = 'sync-interval' ORDER BY id DESC LIMIT 1")
                        .query()
                        .singleRow())
                .containsEntry("changed_by", "alice")
                .containsEntry("new_value", "7");
    }

    @Test
    void badValuesAreRefusedWithTheVariableAndWhatIsAllowed() {
        RuntimeSettings settings = node();
        assertThatThrownBy(() -> settings.update("pull-interval", "abc", "bob"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ZKTECO_PULL_INTERVAL=abc")
                .hasMessageContaining("1 to 1440");
        assertThatThrownBy(() -> settings.update("pull-interval", "0", "bob"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ZKTECO_PULL_INTERVAL=0");
        assertThatThrownBy(() -> settings.update("base-url", "http://elsewhere", "bob"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("can change at run time");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zkteco_config WHERE config_key = 'pull-interval'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
