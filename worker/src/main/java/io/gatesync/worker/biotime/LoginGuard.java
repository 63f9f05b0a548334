package io.gatesync.worker.biotime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.db.Rows;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * After BioTime refused GateSync's credentials, no worker of the cluster logs in again for a while ({@code
 * biotime_login}): every worker retrying a wrong password at once could lock the BioTime account, and the answer
 * will not change until someone fixes ZKTECO_USERNAME or ZKTECO_PASSWORD.
 */
public class LoginGuard {

    public static final Duration COOLDOWN = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    public LoginGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws "Authentication failed" without asking BioTime while a refusal is recent. */
    public void beforeLogin() {
        Optional<Instant> until = jdbc.sql("SELECT refused_until FROM biotime_login WHERE id = 1")
                .query((rs, n) -> Rows.instant(rs, "refused_until"))
                .optional();
        Instant now = Instant.now();
        if (until.isPresent() && until.get().isAfter(now)) {
            throw BioTimeException.authenticationFailed("BioTime refused the credentials shortly before; no login "
                    + "is tried until " + until.get() + " (fix ZKTECO_USERNAME or ZKTECO_PASSWORD)");
        }
    }

    public void refused(String reason) {
        jdbc.sql("INSERT INTO biotime_login (id, refused_until, reason) VALUES (1, :until, :reason) "
                        + "ON DUPLICATE KEY UPDATE refused_until = :until, reason = :reason")
                .param("until", DbTime.toDb(Instant.now().plus(COOLDOWN)))
                .param("reason", Texts.truncate(reason, 500))
                .update();
    }
}
