package io.gatesync.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;

/**
 * Checks a user name and password, for HTTP Basic and the login form alike: refused unchecked while
 * {@link LoginThrottle} says so for this name and the client's address ({@link ClientAddresses}), otherwise looked
 * up and compared with BCrypt. All of it runs off the event loop, the throttle's reads and writes included. An
 * unknown name costs the same BCrypt comparison as a known one, so timing does not tell which names exist.
 */
@Component
public class PasswordLogin implements ReactiveAuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(PasswordLogin.class);

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final ClientAddresses addresses;
    private final Blocking blocking;
    private final String unknownUserHash;

    public PasswordLogin(
            UserAccounts accounts,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            ClientAddresses addresses,
            Blocking blocking) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.throttle = throttle;
        this.addresses = addresses;
        this.blocking = blocking;
        this.unknownUserHash = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication request) {
        String username = request.getName();
        String password =
                request.getCredentials() == null ? "" : request.getCredentials().toString();
        // Spring Security puts the exchange in the Reactor context; the address is what the throttle counts by
        return Mono.deferContextual(context -> {
            String address = context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                    .map(addresses::of)
                    .orElse(ClientAddresses.UNKNOWN);
            return blocking.call(() -> signIn(username, password, address));
        });
    }

    private Authentication signIn(String username, String password, String address) {
        LoginThrottle.Attempt attempt = throttle.attempt(username, address);
        Optional<LoginThrottle.Lock> refused = attempt.refused();
        if (refused.isPresent()) {
            throw new LoginLockedException(refused.get());
        }
        Checked checked = check(username, password);
        if (checked.signedIn()) {
            attempt.succeeded();
            return authenticated(checked.account().get());
        }
        Optional<LoginThrottle.Lock> lock = attempt.failed();
        // the name only if it is a user's: a password typed into the wrong field must not reach the log
        String who = checked.account().map(a -> "user '" + a.username() + "'").orElse("an unknown user name");
        if (lock.isPresent()) {
            if (lock.get().reason() == LoginThrottle.Reason.ADDRESS) {
                log.warn(
                        "Too many failed sign-ins from {}: locked for every user name until {} (last try: {})",
                        address,
                        lock.get().until(),
                        who);
            } else {
                log.warn(
                        "Too many failed sign-ins for {} from {}: locked for that address until {}",
                        who,
                        address,
                        lock.get().until());
            }
            throw new LoginLockedException(lock.get());
        }
        if (attempt.startsDelays()) {
            log.warn(
                    "Many failed sign-ins for {} from one or more addresses: further tries from the addresses that "
                            + "failed now wait a growing delay (last try from {})",
                    who,
                    address);
        }
        throw new BadCredentialsException("Wrong user name or password");
    }

    /** The account the name belongs to, if any, and whether the password is its. */
    private record Checked(Optional<Account> account, boolean signedIn) {}

    private Checked check(String username, String password) {
        Optional<Account> account = Passwords.validUsername(username) ? accounts.find(username) : Optional.empty();
        // a password BCrypt cannot take is wrong for everyone, and still costs one comparison
        String candidate = password.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_BYTES ? "" : password;
        boolean matches =
                encoder.matches(candidate, account.map(Account::passwordHash).orElse(unknownUserHash));
        return new Checked(account, matches && account.isPresent());
    }

    /** The signed-in user, without the password (the authentication may be kept in the session). */
    static Authentication authenticated(Account account) {
        return UsernamePasswordAuthenticationToken.authenticated(
                account.username(), null, account.role().authorities());
    }
}
