package io.gatesync.sim.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/** Turns errors into the {@code {"detail": ...}} / field-error bodies DRF produces. */
@RestControllerAdvice
class ApiExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Object> badInput(ServerWebInputException e) {
        String cause = e.getMostSpecificCause().getMessage();
        return ResponseEntity.badRequest()
                .body(Map.of("detail", "JSON parse error - " + (cause == null ? e.getReason() : cause)));
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    ResponseEntity<Object> methodNotAllowed(MethodNotAllowedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(Map.of("detail", "Method \"" + e.getHttpMethod() + "\" not allowed."));
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<Object> unsupportedMediaType(UnsupportedMediaTypeStatusException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(Map.of("detail", "Unsupported media type \"" + e.getContentType() + "\" in request."));
    }
}
