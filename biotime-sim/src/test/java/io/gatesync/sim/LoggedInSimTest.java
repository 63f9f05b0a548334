package io.gatesync.sim;

import org.junit.jupiter.api.BeforeEach;

/** A {@link SimIntegrationTest} whose tests all act as the default user, logged in before each test. */
abstract class LoggedInSimTest extends SimIntegrationTest {

    /** The Authorization header value of this test's login. */
    String auth;

    @BeforeEach
    void login() {
        auth = jwt();
    }
}
