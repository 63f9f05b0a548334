package io.gatesync.api.web;

import java.util.List;

/** A request with one or more bad fields; answered as a 400 problem listing each field and its fix. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequestException(List<FieldProblem> errors) {
        super(FieldProblem.summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
