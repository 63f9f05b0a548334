-- Who may use the api: people (users, with a role) and gates (one bearer token each, only for posting events).

-- Users sign in with HTTP Basic or the login form. The first admin comes from GATESYNC_ADMIN_USERNAME /
-- GATESYNC_ADMIN_PASSWORD; admins add the others (POST /zkteco/users). The default collation compares user names
-- without regard to case, so "Admin" and "admin" are one user.
CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL COMMENT 'Spring Security DelegatingPasswordEncoder format, e.g. {bcrypt}$2a$10$...',
    role          VARCHAR(16)  NOT NULL COMMENT 'ADMIN or VIEWER',
    created_at    DATETIME(3)  NOT NULL,
    created_by    VARCHAR(64)  NULL     COMMENT 'the admin who added the user; NULL for the environment''s admin',
    updated_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_users_username (username),
    KEY ix_users_role (role)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Gate tokens are 256-bit random values shown once at creation; only their SHA-256 is kept (a slow hash such as
-- BCrypt adds nothing against guessing a random 256-bit value and would cost every event request milliseconds).
-- Revoked gates stay, with who revoked them and when.
CREATE TABLE gates (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(64)  NOT NULL,
    token_hash  CHAR(64)     NOT NULL COMMENT 'lower-case hex SHA-256 of the token',
    created_at  DATETIME(3)  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    revoked_at  DATETIME(3)  NULL,
    revoked_by  VARCHAR(64)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_gates_token (token_hash),
    KEY ix_gates_active (revoked_at, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
