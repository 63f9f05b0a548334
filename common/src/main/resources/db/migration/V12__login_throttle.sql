-- Failed sign-ins, shared by every api instance (api LoginThrottle): one row per wrong password that was checked.
-- Attempts refused unchecked (locked or slowed) leave no row. Whether the next attempt is refused is counted from
-- these rows per (user name, address) pair, per user name and per address; rows older than the counting window
-- and the lock (GATESYNC_SECURITY_LOGIN_WINDOW, GATESYNC_SECURITY_LOCK_FOR) are deleted every minute.
-- The user name is kept as a hash: a password typed into the name field must not be stored readable.
CREATE TABLE login_failures (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    user_key      BINARY(32)  NOT NULL COMMENT 'SHA-256 of the user name as typed, trimmed and lower-cased',
    address       VARCHAR(64) NOT NULL COMMENT 'the client''s IP address (behind trusted proxies, from X-Forwarded-For)',
    failed_at     DATETIME(3) NOT NULL COMMENT 'UTC',
    locks_pair    TINYINT(1)  NOT NULL DEFAULT 0 COMMENT 'this failure locked the user name for this address',
    locks_address TINYINT(1)  NOT NULL DEFAULT 0 COMMENT 'this failure locked the address for every user name',
    PRIMARY KEY (id),
    KEY ix_login_failures_user (user_key, failed_at),
    KEY ix_login_failures_address (address, failed_at),
    KEY ix_login_failures_time (failed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
