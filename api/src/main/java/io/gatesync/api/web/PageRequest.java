package io.gatesync.api.web;

/** Paging parameters as given in a query string, checked. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public static PageRequest of(Integer page, Integer size) {
        FieldChecks checks = new FieldChecks();
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            checks.reject("page", "must be 0 or more (pages count from 0)");
        }
        if (s < 1 || s > MAX_SIZE) {
            checks.reject("size", "must be from 1 to " + MAX_SIZE);
        }
        checks.throwIfInvalid();
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
