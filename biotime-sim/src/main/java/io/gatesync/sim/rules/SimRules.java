package io.gatesync.sim.rules;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.SimProperties.Rules;

/** The punch rules in force: {@code sim.rules.*} at start and after a reset, changed at run time by tests. */
@Component
public class SimRules {

    private final Rules defaults;
    private final AtomicReference<Rules> current;

    public SimRules(SimProperties props) {
        this.defaults = props.rules();
        this.current = new AtomicReference<>(defaults);
    }

    public Rules current() {
        return current.get();
    }

    public Rules update(UnaryOperator<Rules> change) {
        return current.updateAndGet(change);
    }

    public void reset() {
        current.set(defaults);
    }
}
