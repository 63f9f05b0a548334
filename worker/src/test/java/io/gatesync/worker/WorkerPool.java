package io.gatesync.worker;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The worker's connection pool as {@code gatesync-worker.yml} sets it up, for tests that build their own pool. */
public final class WorkerPool {

    private static final String DRIVER = "spring.datasource.hikari.data-source-properties.";

    private WorkerPool() {}

    /** {@code gatesync-worker.yml}'s settings. */
    static Properties settings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("gatesync-worker.yml"));
        return yaml.getObject();
    }

    /** The properties the worker's pool gives the MySQL driver (Connector/J's statement cache). */
    public static Map<String, String> driverProperties() {
        Map<String, String> driver = new TreeMap<>();
        settings().forEach((key, value) -> {
            if (key.toString().startsWith(DRIVER)) {
                driver.put(key.toString().substring(DRIVER.length()), value.toString());
            }
        });
        return driver;
    }
}
