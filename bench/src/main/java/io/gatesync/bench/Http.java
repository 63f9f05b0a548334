package io.gatesync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP for setting up and inspecting a run (the load itself goes through {@link Load}). */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;

    private Http(String authorization) {
        this.authorization = authorization;
    }

    static Http anonymous() {
        return new Http(null);
    }

    static Http basic(String user, String password) {
        return new Http("Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static Http bearer(String token) {
        return new Http("Bearer " + token);
    }

    /** BioTime's own API at {@code bioTimeUrl}, logged in as the simulator's admin (as an admin's browser is). */
    static Http jwt(String bioTimeUrl) {
        JsonNode login =
                anonymous().post(bioTimeUrl + "/jwt-api-token-auth/", Map.of("username", "admin", "password", "admin"));
        return new Http("JWT " + login.get("token").asString());
    }

    JsonNode get(String url) {
        return send("GET", url, null);
    }

    JsonNode post(String url, Object body) {
        return send("POST", url, body);
    }

    JsonNode put(String url, Object body) {
        return send("PUT", url, body);
    }

    JsonNode delete(String url) {
        return send("DELETE", url, null);
    }

    /** The answer's JSON body (or null when empty); anything but 2xx is an error naming the request. */
    private JsonNode send(String method, String url, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
