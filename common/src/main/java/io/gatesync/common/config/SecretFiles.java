package io.gatesync.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Secret files ({@code spring.config.import: optional:configtree:/run/secrets/}) may be named like the property
 * ({@code zkteco.password}), which Spring Boot binds by itself, or like the environment variable
 * ({@code ZKTECO_PASSWORD}), the name operators already use in .env files and compose: Boot binds variable-style
 * names only from the environment, so the files with such names are offered once more as an environment-like
 * source, with the same rules as the real variables. Done before any configuration properties are bound (the
 * secrets are only read by beans); the real environment still wins over files.
 */
public class SecretFiles implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** Spring Boot maps variable-style names for sources named so (SpringConfigurationPropertySource). */
    private static final String SUFFIX = "-systemEnvironment";

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        MutablePropertySources sources = environment.getPropertySources();
        for (PropertySource<?> source : sources.stream().toList()) {
            if (source instanceof ConfigTreePropertySource files && !sources.contains(files.getName() + SUFFIX)) {
                Map<String, Object> variables = new LinkedHashMap<>();
                for (String name : files.getPropertyNames()) {
                    if (VARIABLE.matcher(name).matches()) {
                        variables.put(name, files.getProperty(name).toString());
                    }
                }
                if (!variables.isEmpty()) {
                    sources.addBefore(
                            files.getName(), new SystemEnvironmentPropertySource(files.getName() + SUFFIX, variables));
                }
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
