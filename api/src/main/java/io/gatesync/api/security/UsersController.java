package io.gatesync.api.security;

import java.net.URI;
import java.security.Principal;
import java.util.List;

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

/** {@code /zkteco/users} (admins only): who may sign in, as ADMIN or as read-only VIEWER. */
@RestController
@RequestMapping("/zkteco/users")
class UsersController {

    private final UserAccounts accounts;
    private final SessionAccounts sessions;
    private final Blocking blocking;

    UsersController(UserAccounts accounts, SessionAccounts sessions, Blocking blocking) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.blocking = blocking;
    }

    @GetMapping
    Mono<List<UserView>> list() {
        return blocking.call(accounts::list);
    }

    /** {@code {username, password (12+ characters), role: ADMIN|VIEWER}}: 201, or 409 if the name is taken. */
    @PostMapping
    Mono<ResponseEntity<UserView>> create(@RequestBody NewUser body, Principal admin) {
        NewUser user = body.checked();
        return blocking.call(() -> accounts.create(user, admin.getName()))
                .map(created -> ResponseEntity.created(URI.create("/zkteco/users/" + created.username()))
                        .body(created));
    }

    /** 204; the user's sessions end (within the cache window on other api instances). The last admin stays. */
    @DeleteMapping("/{username}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String username) {
        return blocking.call(() -> {
            accounts.delete(username);
            sessions.forget(username);
            return ResponseEntity.noContent().<Void>build();
        });
    }
}
