package io.gatesync.api.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.DatabindException;

import io.gatesync.common.text.Texts;

/**
 * Every error the api answers is an RFC 9457 problem naming the field and the fix; nothing internal leaks.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring's generic problem-details handler
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.errors());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of());
    }

    @ExceptionHandler(UnprocessableException.class)
    ResponseEntity<ProblemDetail> unprocessable(UnprocessableException e) {
        return problem(e.status(), e.title(), e.getMessage(), e.errors());
    }

    /** Malformed JSON, or a value of the wrong JSON type: say where. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        DatabindException bind = Texts.causeOf(e, DatabindException.class);
        if (bind != null && !bind.getPath().isEmpty()) {
            String field = bind.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    field + ": has the wrong JSON type",
                    List.of(new FieldProblem(field, "has the wrong JSON type; send a string")));
        }
        if (Texts.causeOf(e, DecodingException.class) != null
                || e.getReason() != null && e.getReason().contains("body")) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Malformed JSON",
                    "The request body is not valid JSON; send a JSON document as described in the API docs",
                    List.of(new FieldProblem("body", "must be valid JSON")));
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getReason(), List.of());
    }

    /** Spring's own HTTP errors (415, 405, 406, …) keep their status and say what was wrong. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> framework(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).body(e.getBody());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
        return ResponseEntity.status(e.getStatusCode()).body(e.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The request could not be completed; nothing from it was stored. Try again later.",
                List.of());
    }

    static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(URI.create("about:blank"));
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).body(body);
    }
}
