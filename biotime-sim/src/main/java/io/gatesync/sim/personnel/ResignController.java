package io.gatesync.sim.personnel;

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

import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.Deletion;
import io.gatesync.sim.web.Ids;
import io.gatesync.sim.web.Paginator;

/** {@code /personnel/api/resigns/}: list (filters employee, emp_code), create, read, delete, and reinstatement. */
@RestController
@RequestMapping("/personnel/api/resigns")
class ResignController {

    private final ResignService resigns;
    private final Paginator paginator;

    ResignController(ResignService resigns, Paginator paginator) {
        this.resigns = resigns;
        this.paginator = paginator;
    }

    @GetMapping("/")
    Map<String, Object> list(ServerHttpRequest request) {
        var q = request.getQueryParams();
        return paginator.page(
                resigns.search(q.getFirst("employee"), q.getFirst("emp_code")),
                resigns::view,
                request,
                Paginator.NoLink.JSON_NULL);
    }

    @PostMapping("/")
    ResponseEntity<ResignView> create(@RequestBody(required = false) Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(resigns.view(resigns.create(body)));
    }

    @GetMapping("/{id}/")
    ResignView get(@PathVariable String id) {
        return resigns.view(resigns.get(Ids.parse(id)).orElseThrow(ApiException::notFound));
    }

    @DeleteMapping("/{id}/")
    ResponseEntity<Void> delete(@PathVariable String id) {
        return Deletion.reply(resigns.delete(Ids.parse(id)));
    }

    @PostMapping("/reinstatement/")
    Map<String, Object> reinstatement(@RequestBody(required = false) Map<String, Object> body) {
        resigns.reinstate(body);
        return Map.of("code", 0, "msg", "");
    }
}
