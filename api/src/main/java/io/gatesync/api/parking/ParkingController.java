package io.gatesync.api.parking;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.pull.ParkReason;

/**
 * {@code /zkteco/parked}: punches the attendance pull read but cannot import yet (a person not registered, a state
 * the policy skips, an unlisted terminal…), each with its reason and fix. Listed for viewers; a retry is an admin's.
 */
@RestController
@RequestMapping("/zkteco/parked")
public class ParkingController {

    private static final Logger log = LoggerFactory.getLogger(ParkingController.class);
    private static final Set<String> FIELDS = Set.of("ids", "reason", "all");
    private static final String SHAPE =
            "send {\"ids\": [123, 124]}, {\"reason\": \"UNKNOWN_PERSON\"} or " + "{\"all\": true}";

    private final ParkingService parking;
    private final Blocking blocking;

    public ParkingController(ParkingService parking, Blocking blocking) {
        this.parking = parking;
        this.blocking = blocking;
    }

    /** {@code ?reason=&page=&size=}: oldest parked first. */
    @GetMapping
    public Mono<ParkedPage> list(
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        FieldChecks checks = new FieldChecks();
        ParkReason r = reason == null || reason.isBlank() ? null : reason(checks, reason);
        Integer p = checks.wholeNumber("page", page);
        Integer z = checks.wholeNumber("size", size);
        checks.throwIfInvalid();
        PageRequest paging = PageRequest.of(p, z);
        return blocking.call(() -> parking.list(r, paging));
    }

    /** Marks parked punches for a retry by the next periodic pull: by ids, by reason, or all. */
    @PostMapping("/retry")
    public Mono<RetryRequested> retry(@RequestBody(required = false) JsonNode body, Principal admin) {
        FieldChecks checks = new FieldChecks();
        List<Long> ids = null;
        ParkReason reason = null;
        if (body == null || !body.isObject() || body.isEmpty()) {
            checks.reject("body", "says which parked punches to retry: " + SHAPE);
        } else {
            body.propertyNames().forEach(name -> {
                if (!FIELDS.contains(name)) {
                    checks.reject(name, "is not a field here: " + SHAPE);
                }
            });
            if (body.has("all")
                    && (!body.get("all").isBoolean() || !body.get("all").booleanValue() || body.size() > 1)) {
                checks.reject("all", "must be true, alone: " + SHAPE);
            }
            if (body.has("ids")) {
                ids = new ArrayList<>();
                if (!body.get("ids").isArray() || body.get("ids").size() > 1000) {
                    checks.reject("ids", "must be a list of at most 1000 BioTime transaction ids, e.g. [123, 124]");
                } else {
                    for (JsonNode id : body.get("ids")) {
                        if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                            checks.reject("ids", "must hold whole numbers (BioTime transaction ids), not " + id);
                            break;
                        }
                        ids.add(id.asLong());
                    }
                }
            }
            if (body.has("reason")) {
                reason = body.get("reason").isString()
                        ? reason(checks, body.get("reason").asString())
                        : null;
                if (!body.get("reason").isString()) {
                    checks.reject("reason", "must be one of " + List.of(ParkReason.values()));
                }
                if (ids != null) {
                    checks.reject("reason", "cannot be combined with ids: " + SHAPE);
                }
            }
        }
        checks.throwIfInvalid();
        List<Long> chosenIds = ids;
        ParkReason chosenReason = reason;
        return blocking.call(() -> {
            RetryRequested done = parking.requestRetry(chosenIds, chosenReason);
            log.info(
                    "{} asked to retry {} parked punch(es) ({})",
                    admin.getName(),
                    done.requested(),
                    chosenIds != null ? "ids " + chosenIds : chosenReason != null ? chosenReason : "all");
            return done;
        });
    }

    private static ParkReason reason(FieldChecks checks, String text) {
        try {
            return ParkReason.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            checks.reject("reason", "must be one of " + List.of(ParkReason.values()));
            return null;
        }
    }
}
