package io.gatesync.api.security;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.PathIds;

/**
 * {@code /zkteco/gates} (admins only): one bearer token per gate, which can only post events. The token is in the
 * answer to the POST and nowhere else; to rotate one, create a new token for the gate, then revoke the old one.
 */
@RestController
@RequestMapping("/zkteco/gates")
class GatesController {

    private final GateTokens gates;
    private final Blocking blocking;

    GatesController(GateTokens gates, Blocking blocking) {
        this.gates = gates;
        this.blocking = blocking;
    }

    @GetMapping
    Mono<List<GateView>> list() {
        return blocking.call(gates::list);
    }

    /** {@code {"name": "G7"}}: 201 {@code {id, name, token, createdAt}}. */
    @PostMapping
    Mono<ResponseEntity<NewGateToken>> create(@RequestBody NewGate body, Principal admin) {
        FieldChecks checks = new FieldChecks();
        String name = checks.text("name", body.name(), 64, true);
        checks.throwIfInvalid();
        return blocking.call(() -> gates.create(name, admin.getName()))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/zkteco/gates/" + created.id()))
                        .body(created));
    }

    /** Revokes the gate's token: 204, or 404 if it does not exist or is revoked already. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> revoke(@PathVariable String id, Principal admin) {
        long gateId = id(id);
        return blocking.call(() -> {
            gates.revoke(gateId, admin.getName());
            return ResponseEntity.noContent().<Void>build();
        });
    }

    private static long id(String value) {
        return PathIds.positive(value, "id", "a gate id, a whole number such as 7 (GET /zkteco/gates)");
    }
}
