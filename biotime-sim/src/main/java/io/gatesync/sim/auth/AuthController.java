package io.gatesync.sim.auth;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.admin.SimStats;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;

/** The two login endpoints. A failed login is a 400 validation error, as on the real server, never a 401. */
@RestController
class AuthController {

    private final SimProperties props;
    private final TokenStore tokens;
    private final SimStats stats;

    AuthController(SimProperties props, TokenStore tokens, SimStats stats) {
        this.props = props;
        this.tokens = tokens;
        this.stats = stats;
    }

    record TokenReply(String token) {}

    @PostMapping("/jwt-api-token-auth/")
    TokenReply jwtLogin(@RequestBody(required = false) Map<String, Object> body) {
        return new TokenReply(tokens.issueJwt(authenticate(body)));
    }

    @PostMapping("/api-token-auth/")
    TokenReply tokenLogin(@RequestBody(required = false) Map<String, Object> body) {
        return new TokenReply(tokens.issueDrfToken(authenticate(body)));
    }

    private String authenticate(Map<String, Object> body) {
        BodyReader reader = new BodyReader(body);
        String username = reader.string("username", true, 0);
        String password = reader.string("password", true, 0);
        if (!reader.errors().isEmpty()) {
            stats.recordLogin(false);
            reader.throwIfErrors();
        }
        if (!props.username().equals(username) || !props.password().equals(password)) {
            stats.recordLogin(false);
            throw ApiException.badRequest(
                    Map.of("non_field_errors", List.of("Unable to log in with provided credentials.")));
        }
        stats.recordLogin(true);
        return username;
    }
}
