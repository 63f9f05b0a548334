package io.gatesync.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * The requests and checks of an answer that the api's route tests make again and again, each written once: what a
 * test sends and expects stays in the test, only the chain of calls that says it is here.
 */
public final class Responses {

    private Responses() {}

    /** {@code GET uri} as the client signs in (URI variables as in {@code uri(String, Object...)}). */
    public static ResponseSpec get(WebTestClient client, String uri, Object... uriVariables) {
        return client.get().uri(uri, uriVariables).exchange();
    }

    /** {@code POST uri} with a JSON body: an object to write as JSON, or JSON text sent as it is. */
    public static ResponseSpec postJson(WebTestClient client, String uri, Object body) {
        return client.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** Expects a 200; returns its body for the caller's checks. */
    public static BodyContentSpec ok(ResponseSpec response) {
        return response.expectStatus().isOk().expectBody();
    }

    /** Expects {@code status}; returns the JSON object of its body for the caller's checks. */
    public static Map<?, ?> jsonObject(ResponseSpec response, HttpStatus status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** Expects a 400 whose first error names {@code field}; returns the body for any further checks. */
    public static BodyContentSpec badRequestNaming(ResponseSpec response, String field) {
        return response.expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    /** As {@link #badRequestNaming}, and the answer is an {@code application/problem+json} problem. */
    public static BodyContentSpec badRequestProblemNaming(ResponseSpec response, String field) {
        return response.expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    /** Expects a 200; its body is read and passed over. */
    public static void expectOk(ResponseSpec response) {
        response.expectStatus().isOk().expectBody(Void.class);
    }

    /** Expects a 401; its body is read and passed over. */
    public static void unauthorized(ResponseSpec response) {
        response.expectStatus().isUnauthorized().expectBody(Void.class);
    }
}
