package io.gatesync.api.web;

import java.util.List;
import java.util.stream.Collectors;

/** One bad field and what to send instead. */
public record FieldProblem(String field, String message) {

    public static String summary(List<FieldProblem> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
