package io.gatesync.common.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A bad setting found outside property binding (e.g. no first admin password when the users table is empty):
 * the same one line as {@link InvalidSettingFailureAnalyzer}, not a stack trace.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BareInvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        return new FailureAnalysis(
                "Invalid setting: " + cause.getMessage(),
                "Set " + cause.variable() + " to " + cause.allowed() + ".",
                cause);
    }
}
