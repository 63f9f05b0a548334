package io.gatesync.api.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A well-formed request that cannot be carried out as it stands (unknown person, reused event id). */
public class UnprocessableException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldProblem> errors;

    public UnprocessableException(HttpStatus status, String title, String field, String message) {
        super(field + ": " + message);
        this.status = status;
        this.title = title;
        this.errors = List.of(new FieldProblem(field, message));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
