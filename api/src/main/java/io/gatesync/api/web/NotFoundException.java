package io.gatesync.api.web;

/** The thing asked for does not exist; answered as a 404 problem. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
