package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.sim.transactions.TransactionStore;

/** The way other modules start the simulator: the builder, a random port, beans read from the context. */
class InProcessStartTest {

    @Test
    void builderStartsTheSimulatorOnARandomPortWithItsOwnConfig() {
        try (ConfigurableApplicationContext context = SimApplication.builder().run("--server.port=0")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(context.getEnvironment().getProperty("local.server.port"))
                    .isEqualTo(String.valueOf(port));
            assertThat(context.getEnvironment().getProperty("spring.application.name"))
                    .isEqualTo("biotime-sim");
            WebTestClient client = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + port)
                    .build();
            client.get()
                    .uri("/iclock/getrequest?SN=X")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("OK"); // decoded, so its buffers are released
            assertThat(context.getBean(TransactionStore.class).all()).isEmpty();
        }
    }
}
