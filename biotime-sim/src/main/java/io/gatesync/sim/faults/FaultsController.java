package io.gatesync.sim.faults;

import java.time.Duration;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.web.ApiException;

/**
 * {@code POST /sim/faults {"latencyMs":200,"errorRate":0.1,"errorStatus":503}} replaces the settings (absent fields
 * are off/default); {@code DELETE /sim/faults} turns every fault off.
 */
@RestController
@RequestMapping("/sim/faults")
class FaultsController {

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    record FaultRequest(Long latencyMs, Double errorRate, Integer errorStatus) {
    }

    record FaultView(long latencyMs, double errorRate, int errorStatus) {
        static FaultView of(FaultSettings s) {
            return new FaultView(s.latency().toMillis(), s.errorRate(), s.errorStatus());
        }
    }

    @GetMapping
    FaultView get() {
        return FaultView.of(faults.current());
    }

    @PostMapping
    FaultView set(@RequestBody FaultRequest request) {
        try {
            FaultSettings s = new FaultSettings(
                    Duration.ofMillis(request.latencyMs() == null ? 0 : request.latencyMs()),
                    request.errorRate() == null ? 0.0 : request.errorRate(),
                    request.errorStatus() == null ? FaultSettings.DEFAULT_ERROR_STATUS : request.errorStatus());
            faults.set(s);
            return FaultView.of(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("non_field_errors", e.getMessage());
        }
    }

    @DeleteMapping
    ResponseEntity<FaultView> reset() {
        faults.reset();
        return ResponseEntity.ok(FaultView.of(faults.current()));
    }
}
