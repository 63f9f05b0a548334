package io.gatesync.sim.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/** The live fault switches; tests flip them in-process or through /sim/faults. */
@Component
public class Faults {

    private final AtomicReference<FaultSettings> settings = new AtomicReference<>(FaultSettings.NONE);

    public FaultSettings current() {
        return settings.get();
    }

    public void set(FaultSettings newSettings) {
        settings.set(newSettings);
    }

    public void reset() {
        settings.set(FaultSettings.NONE);
    }

    /** Draws whether this request fails under {@code s}. */
    boolean shouldFail(FaultSettings s) {
        return s.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < s.errorRate();
    }
}
