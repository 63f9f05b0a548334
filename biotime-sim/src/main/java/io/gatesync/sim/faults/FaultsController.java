package io.gatesync.sim.faults;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.faults.FaultSettings.InsertWhilePaging;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.SimTime;

/**
 * {@code POST /sim/faults {"latencyMs":200,"failNext":3}} merges the given switches into the current settings (absent
 * fields keep their value, a null field goes back to its default); {@code GET} shows them, {@code DELETE} turns every
 * fault off. Unknown or invalid fields are a 400 naming the field, and nothing is changed.
 */
@RestController
@RequestMapping("/sim/faults")
class FaultsController {

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    record InsertView(int count, String punchTime, String empCode, String terminalSn) {}

    /** The wire shape of {@link FaultSettings}; the same names are accepted by POST. */
    record FaultView(
            long latencyMs,
            long latencyJitterMs,
            long hangMs,
            long slowPagesMs,
            double errorRate,
            int errorStatus,
            int failNext,
            int failNextStatus,
            int throttleNext,
            int retryAfterSeconds,
            boolean refuseConnections,
            Long tokenTtlSeconds,
            InsertView insertWhilePaging,
            double dropReplyRate,
            String failNextPath) {

        static FaultView of(FaultSettings s) {
            InsertWhilePaging i = s.insertWhilePaging();
            return new FaultView(
                    s.latency().toMillis(),
                    s.latencyJitter().toMillis(),
                    s.hang().toMillis(),
                    s.slowPages().toMillis(),
                    s.errorRate(),
                    s.errorStatus(),
                    s.failNext(),
                    s.failNextStatus(),
                    s.throttleNext(),
                    s.retryAfterSeconds(),
                    s.refuseConnections(),
                    s.tokenTtl() == null ? null : s.tokenTtl().toSeconds(),
                    i == null
                            ? null
                            : new InsertView(i.count(), SimTime.format(i.punchTime()), i.empCode(), i.terminalSn()),
                    s.dropReplyRate(),
                    s.failNextPath());
        }
    }

    @GetMapping
    FaultView get() {
        return FaultView.of(faults.current());
    }

    @PostMapping
    FaultView merge(@RequestBody Map<String, Object> body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<UnaryOperator<FaultSettings>> changes = new ArrayList<>();
        FaultSettings now = faults.current();
        body.forEach((field, value) -> {
            try {
                UnaryOperator<FaultSettings> change = change(field, value);
                change.apply(now); // each change sets only its field, so a constructor complaint belongs to it
                changes.add(change);
            } catch (IllegalArgumentException e) {
                errors.computeIfAbsent(field, k -> new ArrayList<>()).add(e.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        try {
            return FaultView.of(faults.update(s -> {
                for (UnaryOperator<FaultSettings> c : changes) {
                    s = c.apply(s);
                }
                return s;
            }));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("non_field_errors", e.getMessage());
        }
    }

    @DeleteMapping
    FaultView reset() {
        faults.reset();
        return FaultView.of(faults.current());
    }

    private static UnaryOperator<FaultSettings> change(String field, Object v) {
        FaultSettings none = FaultSettings.NONE;
        return switch (field) {
            case "latencyMs" -> delay(v, FaultSettings::withLatency);
            case "latencyJitterMs" -> delay(v, FaultSettings::withLatencyJitter);
            case "hangMs" -> delay(v, FaultSettings::withHang);
            case "slowPagesMs" -> delay(v, FaultSettings::withSlowPages);
            case "errorRate" -> {
                double rate = v == null ? none.errorRate() : number(v).doubleValue();
                yield s -> s.withErrors(rate, s.errorStatus());
            }
            case "failNextPath" -> {
                if (v != null && !(v instanceof String)) {
                    throw new IllegalArgumentException("Must be a path, e.g. /iclock/cdata.");
                }
                String path = v == null || ((String) v).isBlank() ? null : ((String) v).trim();
                yield s -> s.withFailNextPath(path);
            }
            case "dropReplyRate" -> {
                double rate = v == null ? none.dropReplyRate() : number(v).doubleValue();
                yield s -> s.withDropReplyRate(rate);
            }
            case "errorStatus" -> {
                int status = integer(v, none.errorStatus());
                yield s -> s.withErrors(s.errorRate(), status);
            }
            case "failNext" -> {
                int n = integer(v, 0);
                yield s -> s.withFailNext(n, s.failNextStatus());
            }
            case "failNextStatus" -> {
                int status = integer(v, none.failNextStatus());
                yield s -> s.withFailNext(s.failNext(), status);
            }
            case "throttleNext" -> {
                int n = integer(v, 0);
                yield s -> s.withThrottleNext(n, s.retryAfterSeconds());
            }
            case "retryAfterSeconds" -> {
                int seconds = integer(v, none.retryAfterSeconds());
                yield s -> s.withThrottleNext(s.throttleNext(), seconds);
            }
            case "refuseConnections" -> {
                if (v != null && !(v instanceof Boolean)) {
                    throw new IllegalArgumentException("Must be a valid boolean.");
                }
                boolean refuse = Boolean.TRUE.equals(v);
                yield s -> s.withRefuseConnections(refuse);
            }
            case "tokenTtlSeconds" -> {
                Duration ttl = v == null ? null : Duration.ofSeconds(integer(v, 0));
                yield s -> s.withTokenTtl(ttl);
            }
            case "insertWhilePaging" -> {
                InsertWhilePaging insert = v == null ? null : insert(v);
                yield s -> s.withInsertWhilePaging(insert);
            }
            default -> throw new IllegalArgumentException("Unknown fault switch.");
        };
    }

    private static InsertWhilePaging insert(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("Expected an object with count, punchTime, empCode, terminalSn.");
        }
        for (Object key : m.keySet()) {
            if (!List.of("count", "punchTime", "empCode", "terminalSn").contains(key)) {
                throw new IllegalArgumentException("Unknown field \"" + key + "\".");
            }
        }
        Object time = m.get("punchTime");
        if (time != null && !(time instanceof String)) {
            throw new IllegalArgumentException("punchTime must be \"yyyy-MM-dd HH:mm:ss\".");
        }
        return new InsertWhilePaging(
                integer(m.get("count"), 0),
                time == null
                        ? null
                        : SimTime.parseDateTime((String) time)
                                .orElseThrow(() ->
                                        new IllegalArgumentException("punchTime must be \"yyyy-MM-dd HH:mm:ss\".")),
                text(m.get("empCode")),
                text(m.get("terminalSn")));
    }

    private static UnaryOperator<FaultSettings> delay(
            Object v, BiFunction<FaultSettings, Duration, FaultSettings> with) {
        Duration d = Duration.ofMillis(v == null ? 0 : integerValue(v));
        return s -> with.apply(s, d);
    }

    private static int integer(Object v, int fallback) {
        long n = v == null ? fallback : integerValue(v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Ensure this value is a valid integer.");
        }
        return (int) n;
    }

    private static long integerValue(Object v) {
        Number n = number(v);
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("A valid integer is required.");
            }
            return (long) d;
        }
        if (n instanceof BigInteger b && b.bitLength() >= 64) {
            throw new IllegalArgumentException("A valid integer is required.");
        }
        return n.longValue();
    }

    private static Number number(Object v) {
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("A valid number is required.");
        }
        return n;
    }

    private static String text(Object v) {
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("empCode and terminalSn must be strings.");
        }
        return v == null || ((String) v).isBlank() ? null : ((String) v).trim();
    }
}
