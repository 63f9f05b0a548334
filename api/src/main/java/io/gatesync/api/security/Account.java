package io.gatesync.api.security;

/** Someone who signs in with a user name and password: a user from the table, or the environment's metrics user. */
record Account(String username, String passwordHash, Role role) {

    @Override
    public String toString() {
        return "Account[username=" + username + ", role=" + role + "]";
    }
}
