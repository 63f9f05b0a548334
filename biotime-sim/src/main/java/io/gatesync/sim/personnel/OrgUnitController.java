package io.gatesync.sim.personnel;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.Deletion;
import io.gatesync.sim.web.Filters;
import io.gatesync.sim.web.Ids;
import io.gatesync.sim.web.OrderingFilter;
import io.gatesync.sim.web.Paginator;

/**
 * CRUD for one org-unit kind; subclasses only supply the path. List filters: {@code <p>_code}, {@code <p>_name},
 * their {@code _icontains} forms, and {@code ordering} by id, code or name.
 */
abstract class OrgUnitController<T extends OrgUnit> {

    private final OrgUnitStore<T> store;
    private final Paginator paginator;

    OrgUnitController(OrgUnitStore<T> store, Paginator paginator) {
        this.store = store;
        this.paginator = paginator;
    }

    @GetMapping("/")
    Map<String, Object> list(ServerHttpRequest request) {
        MultiValueMap<String, String> q = request.getQueryParams();
        OrgUnitKind<T> kind = store.kind();
        Predicate<T> filter = u -> true;
        filter = filter.and(Filters.equal(q.getFirst(kind.codeField()), OrgUnit::code));
        filter = filter.and(Filters.equal(q.getFirst(kind.nameField()), OrgUnit::name));
        filter = filter.and(Filters.contains(q.getFirst(kind.codeField() + "_icontains"), OrgUnit::code));
        filter = filter.and(Filters.contains(q.getFirst(kind.nameField() + "_icontains"), OrgUnit::name));
        List<T> rows = store.all().stream()
                .filter(filter)
                .sorted(ordering(q.getFirst("ordering")))
                .toList();
        // the real department/area/position lists write absent links as the string "null"
        return paginator.page(rows, Function.identity(), request, Paginator.NoLink.STRING_NULL);
    }

    @PostMapping("/")
    ResponseEntity<T> create(@RequestBody(required = false) Map<String, Object> body) {
        Parsed p = parse(body);
        return ResponseEntity.status(HttpStatus.CREATED).body(store.create(p.code(), p.name(), p.parent()));
    }

    @GetMapping("/{id}/")
    T get(@PathVariable String id) {
        return store.get(Ids.parse(id)).orElseThrow(ApiException::notFound);
    }

    @PutMapping("/{id}/")
    T replace(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        long key = Ids.parse(id);
        store.get(key).orElseThrow(ApiException::notFound);
        Parsed p = parse(body);
        return store.replace(key, p.code(), p.name(), p.parent());
    }

    @DeleteMapping("/{id}/")
    ResponseEntity<Void> delete(@PathVariable String id) {
        return Deletion.reply(store.delete(Ids.parse(id)));
    }

    private record Parsed(String code, String name, Long parent) {}

    private Parsed parse(Map<String, Object> body) {
        OrgUnitKind<T> kind = store.kind();
        BodyReader r = new BodyReader(body);
        String code = r.string(kind.codeField(), true, 0);
        String name = r.string(kind.nameField(), true, 0);
        Long parent = r.pk(kind.parentField(), false, store::exists);
        r.throwIfErrors();
        return new Parsed(code, name, parent);
    }

    private Comparator<T> ordering(String ordering) {
        OrgUnitKind<T> kind = store.kind();
        Comparator<T> byId = Comparator.comparingLong(OrgUnit::id);
        return OrderingFilter.of(
                ordering,
                Map.of(
                        "id",
                        byId,
                        kind.codeField(),
                        Comparator.comparing(OrgUnit::code, Comparator.nullsFirst(Comparator.naturalOrder())),
                        kind.nameField(),
                        Comparator.comparing(OrgUnit::name, Comparator.nullsFirst(Comparator.naturalOrder()))),
                byId);
    }
}
