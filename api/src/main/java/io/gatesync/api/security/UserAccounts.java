package io.gatesync.api.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.web.NotFoundException;
import io.gatesync.api.web.UnprocessableException;
import io.gatesync.common.db.Rows;
import io.gatesync.common.time.DbTime;

/**
 * The users table (BCrypt-hashed passwords, ADMIN or VIEWER), plus the environment's metrics user, which is looked
 * up first and never stored. Blocking JDBC: callers on the event loop go through {@code Blocking}.
 */
@Service
public class UserAccounts {

    /** What applying the environment's admin did. */
    enum Applied {
        CREATED,
        PASSWORD_CHANGED,
        MADE_ADMIN,
        UNCHANGED
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final Optional<Account> metrics;

    public UserAccounts(JdbcClient jdbc, TransactionTemplate tx, PasswordEncoder encoder, MetricsSettings metrics) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.encoder = encoder;
        this.metrics = metrics.enabled()
                ? Optional.of(new Account(metrics.username(), encoder.encode(metrics.password()), Role.METRICS))
                : Optional.empty();
    }

    Optional<Account> find(String username) {
        if (metrics.isPresent() && metrics.get().username().equalsIgnoreCase(username)) {
            return metrics;
        }
        return jdbc.sql("SELECT username, password_hash, role FROM users WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
                .optional();
    }

    List<UserView> list() {
        return jdbc.sql("SELECT username, role, created_at, created_by FROM users ORDER BY username")
                .query((rs, n) -> new UserView(
                        rs.getString("username"),
                        Role.valueOf(rs.getString("role")),
                        Rows.instant(rs, "created_at"),
                        rs.getString("created_by")))
                .list();
    }

    UserView create(NewUser user, String by) {
        if (metrics.isPresent() && metrics.get().username().equalsIgnoreCase(user.username())) {
            throw new UnprocessableException(
                    HttpStatus.CONFLICT,
                    "User exists",
                    "username",
                    "is the metrics user's name (GATESYNC_METRICS_USERNAME); choose another name");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            jdbc.sql("INSERT INTO users (username, password_hash, role, created_at, created_by, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            user.username(),
                            encoder.encode(user.password()),
                            user.role(),
                            DbTime.toDb(now),
                            by,
                            DbTime.toDb(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new UnprocessableException(
                    HttpStatus.CONFLICT,
                    "User exists",
                    "username",
                    "user '"
                            + user.username() + "' already exists; choose another name, or delete it first (DELETE "
                            + "/zkteco/users/" + user.username() + ")");
        }
        return new UserView(user.username(), user.parsedRole(), now, by);
    }

    /** Deletes a user, unless it is the last admin (the admins are locked meanwhile: two deletes cannot both pass). */
    void delete(String username) {
        tx.executeWithoutResult(status -> {
            List<String> admins = jdbc.sql("SELECT username FROM users WHERE role = 'ADMIN' ORDER BY id FOR UPDATE")
                    .query(String.class)
                    .list();
            Optional<Role> role = jdbc.sql("SELECT role FROM users WHERE username = ? FOR UPDATE")
                    .param(username)
                    .query((rs, n) -> Role.valueOf(rs.getString(1)))
                    .optional();
            if (role.isEmpty()) {
                throw new NotFoundException("user '" + username + "' does not exist; GET /zkteco/users lists them");
            }
            if (role.get() == Role.ADMIN && admins.size() <= 1) {
                throw new UnprocessableException(
                        HttpStatus.CONFLICT,
                        "Last admin",
                        "username",
                        "'" + username
                                + "' is the last admin; add another admin first (POST /zkteco/users with role ADMIN)");
            }
            jdbc.sql("DELETE FROM users WHERE username = ?").param(username).update();
        });
    }

    boolean anyAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'ADMIN'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Makes {@code username} an admin with this password: created if missing, its hash replaced if the password
     * differs, its role raised to ADMIN if it was a viewer. Safe when several api instances start at once.
     */
    Applied applyAdmin(String username, String password) {
        return tx.execute(status -> {
            Optional<Account> current = jdbc.sql(
                            "SELECT username, password_hash, role FROM users WHERE username = ? " + "FOR UPDATE")
                    .param(username)
                    .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
                    .optional();
            String now = DbTime.now();
            if (current.isEmpty()) {
                try {
                    jdbc.sql("INSERT INTO users (username, password_hash, role, created_at, updated_at) "
                                    + "VALUES (?, ?, 'ADMIN', ?, ?)")
                            .params(username, encoder.encode(password), now, now)
                            .update();
                    return Applied.CREATED;
                } catch (DuplicateKeyException e) {
                    return Applied.UNCHANGED; // another instance created it a moment ago, from the same settings
                }
            }
            Applied applied = Applied.UNCHANGED;
            if (!encoder.matches(password, current.get().passwordHash())) {
                jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?")
                        .params(encoder.encode(password), now, username)
                        .update();
                applied = Applied.PASSWORD_CHANGED;
            }
            if (current.get().role() != Role.ADMIN) {
                jdbc.sql("UPDATE users SET role = 'ADMIN', updated_at = ? WHERE username = ?")
                        .params(now, username)
                        .update();
                applied = Applied.MADE_ADMIN;
            }
            return applied;
        });
    }
}
