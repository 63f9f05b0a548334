package io.gatesync.sim.transactions;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.faults.Faults;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.Deletion;
import io.gatesync.sim.web.Ids;
import io.gatesync.sim.web.Paginator;

@RestController
@RequestMapping("/iclock/api/transactions")
class TransactionController {

    private final TransactionService service;
    private final TransactionStore store;
    private final Paginator paginator;
    private final Faults faults;

    TransactionController(TransactionService service, TransactionStore store, Paginator paginator, Faults faults) {
        this.service = service;
        this.store = store;
        this.paginator = paginator;
        this.faults = faults;
    }

    @GetMapping("/")
    Map<String, Object> list(ServerHttpRequest request) {
        if (laterPage(request.getQueryParams().getFirst("page"))) {
            // rows arrive before this page is cut, as they would between a client's page reads on a live server
            faults.takeInsertWhilePaging()
                    .ifPresent(insert -> service.insertWhilePaging(insert, request.getQueryParams()));
        }
        return paginator.page(
                service.search(request.getQueryParams()), service::view, request, Paginator.NoLink.JSON_NULL);
    }

    /** The "transaction-api" push channel (undocumented, accepted by 8.x). */
    @PostMapping("/")
    ResponseEntity<TransactionView> create(@RequestBody(required = false) Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.view(service.create(body)));
    }

    @GetMapping("/{id}/")
    TransactionView get(@PathVariable String id) {
        return service.view(store.get(Ids.parse(id)).orElseThrow(ApiException::notFound));
    }

    @DeleteMapping("/{id}/")
    ResponseEntity<Void> delete(@PathVariable String id) {
        return Deletion.reply(store.delete(Ids.parse(id)));
    }

    private static boolean laterPage(String page) {
        if (page == null) {
            return false;
        }
        try {
            return page.trim().equals("last") || Integer.parseInt(page.trim()) >= 2;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
