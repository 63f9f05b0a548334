package io.gatesync.api.event;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** More gate events are waiting to be written than the api holds: 503, and the gate sends again shortly. */
class IngestBusyException extends ResponseStatusException {

    IngestBusyException() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Too many gate events are waiting to be stored; nothing from this "
                        + "request was stored; send it again in a second");
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return headers;
    }
}
