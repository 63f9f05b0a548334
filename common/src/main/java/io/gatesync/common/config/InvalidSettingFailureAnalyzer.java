package io.gatesync.common.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a bad {@code zkteco.*} value into one line naming the environment variable and what it accepts,
 * instead of Spring's generic binding report. Covers both values that do not convert (ZKTECO_SYNC_INTERVAL=abc)
 * and values out of range (ZKTECO_SYNC_INTERVAL=0, checked in {@link ZktecoProperties}).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final String PREFIX = "zkteco.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        InvalidSettingException invalid = findCause(cause, InvalidSettingException.class);
        if (invalid != null) {
            return new FailureAnalysis(
                    "Invalid setting: " + invalid.getMessage(),
                    "Set " + invalid.variable() + " to " + invalid.allowed() + ".",
                    cause);
        }
        ConfigurationProperty property = cause.getProperty();
        if (property == null || !property.getName().toString().startsWith(PREFIX)) {
            return null;
        }
        String name = property.getName().toString().substring(PREFIX.length());
        String allowed = ZktecoProperties.ALLOWED.get(name);
        if (allowed == null) {
            return null;
        }
        String variable = ZktecoProperties.variableOf(name);
        String shown = "password".equals(name) ? "(hidden)" : String.valueOf(property.getValue());
        return new FailureAnalysis(
                "Invalid setting: " + variable + "=" + shown + " is not allowed: use " + allowed,
                "Set " + variable + " to " + allowed + ".",
                cause);
    }
}
