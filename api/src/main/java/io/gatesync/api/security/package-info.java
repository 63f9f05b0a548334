/**
 * Who may call what, decided in one place ({@link SecurityConfiguration}): HTTP Basic for scripts, a login form and
 * session for browsers, a bearer token per gate that can only post events. Sign-ins are checked by
 * {@link PasswordLogin} and throttled by {@link LoginThrottle}; it also holds the admin routes for users
 * ({@link UsersController}) and gate tokens ({@link GatesController}).
 */
package io.gatesync.api.security;
