package io.gatesync.sim.web;

import org.springframework.http.ResponseEntity;

/** DRF's answer to a DELETE of one row. */
public final class Deletion {

    private Deletion() {}

    /** 204 with no body when the row was there and is now gone, else the 404 of an unknown id. */
    public static ResponseEntity<Void> reply(boolean deleted) {
        if (!deleted) {
            throw ApiException.notFound();
        }
        return ResponseEntity.noContent().build();
    }
}
