package io.gatesync.sim.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** An error answered with a DRF-shaped JSON body; thrown from anywhere in request handling. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient Object body;

    public ApiException(HttpStatus status, Object body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    public static ApiException badRequest(Map<String, List<String>> fieldErrors) {
        return new ApiException(HttpStatus.BAD_REQUEST, fieldErrors);
    }

    public static ApiException badRequest(String field, String message) {
        return badRequest(Map.of(field, List.of(message)));
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, Map.of("detail", "Not found."));
    }

    /** DRF's answer for a page number that is not an integer, below 1, or past the last page. */
    public static ApiException invalidPage() {
        return new ApiException(HttpStatus.NOT_FOUND, Map.of("detail", "Invalid page."));
    }

    public HttpStatus status() {
        return status;
    }

    public Object body() {
        return body;
    }
}
