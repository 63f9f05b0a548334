package io.gatesync.sim.personnel;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.SimProperties.Language;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.Deletion;
import io.gatesync.sim.web.Ids;
import io.gatesync.sim.web.Paginator;

@RestController
@RequestMapping("/personnel/api/employees")
class EmployeeController {

    private final EmployeeService service;
    private final EmployeeStore store;
    private final Paginator paginator;
    private final SimProperties props;
    private final ResignService resigns;

    EmployeeController(
            EmployeeService service,
            EmployeeStore store,
            Paginator paginator,
            SimProperties props,
            ResignService resigns) {
        this.service = service;
        this.store = store;
        this.paginator = paginator;
        this.props = props;
        this.resigns = resigns;
    }

    /** The docs' bulk resignation (their spelling): each employee resigned as {@code /personnel/api/resigns/} does. */
    @PostMapping("/adjust_regsin/")
    Map<String, Object> adjustResign(@RequestBody(required = false) Map<String, Object> body) {
        resigns.adjust(body);
        return Map.of("code", 0, "msg", "");
    }

    @GetMapping("/")
    Map<String, Object> list(ServerHttpRequest request) {
        return paginator.page(
                service.search(request.getQueryParams()), service::view, request, Paginator.NoLink.JSON_NULL);
    }

    @PostMapping("/")
    ResponseEntity<EmployeeView> create(
            @RequestBody(required = false) Map<String, Object> body, ServerHttpRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.view(service.create(body, language(request))));
    }

    @GetMapping("/{id}/")
    EmployeeView get(@PathVariable String id) {
        return service.view(store.get(Ids.parse(id)).orElseThrow(ApiException::notFound));
    }

    /** PUT (emp_code, department and area required) or PATCH (only the fields given change). */
    @RequestMapping(
            path = "/{id}/",
            method = {RequestMethod.PUT, RequestMethod.PATCH})
    EmployeeView update(
            @PathVariable String id,
            @RequestBody(required = false) Map<String, Object> body,
            ServerHttpRequest request) {
        boolean partial = HttpMethod.PATCH.equals(request.getMethod());
        return service.view(service.update(Ids.parse(id), body, partial, language(request)));
    }

    @DeleteMapping("/{id}/")
    ResponseEntity<Void> delete(@PathVariable String id) {
        return Deletion.reply(store.delete(Ids.parse(id)));
    }

    /** Django answers in the Accept-Language language when it has one, else in the UI language (sim.language). */
    private Language language(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE);
        String first = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
        if (first.startsWith("en")) {
            return Language.EN;
        }
        if (first.startsWith("zh")) {
            return Language.ZH;
        }
        return props.language();
    }
}
