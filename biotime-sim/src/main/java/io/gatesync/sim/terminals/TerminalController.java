package io.gatesync.sim.terminals;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.personnel.Area;
import io.gatesync.sim.personnel.AreaRef;
import io.gatesync.sim.personnel.AreaStore;
import io.gatesync.sim.web.ApiException;
import io.gatesync.sim.web.BodyReader;
import io.gatesync.sim.web.Deletion;
import io.gatesync.sim.web.Filters;
import io.gatesync.sim.web.Ids;
import io.gatesync.sim.web.Paginator;
import io.gatesync.sim.web.SimTime;

/**
 * {@code /iclock/api/terminals/}: list (filters sn, alias, area, sn_icontains, alias_icontains), read, create
 * (sn, alias and ip_address required; area defaults to Not Authorized), update (PUT, or PATCH for some fields) and
 * delete, as the 8.0 API docs captured from a live server show them.
 */
@RestController
@RequestMapping("/iclock/api/terminals")
class TerminalController {

    private final TerminalStore terminals;
    private final AreaStore areas;
    private final Paginator paginator;

    TerminalController(TerminalStore terminals, AreaStore areas, Paginator paginator) {
        this.terminals = terminals;
        this.areas = areas;
        this.paginator = paginator;
    }

    @GetMapping("/")
    Map<String, Object> list(ServerHttpRequest request) {
        MultiValueMap<String, String> q = request.getQueryParams();
        Predicate<Terminal> filter = t -> true;
        filter = filter.and(Filters.equal(q.getFirst("sn"), Terminal::sn));
        filter = filter.and(Filters.equal(q.getFirst("alias"), Terminal::alias));
        filter = filter.and(Filters.equal(q.getFirst("area"), t -> String.valueOf(t.areaId())));
        filter = filter.and(Filters.contains(q.getFirst("sn_icontains"), Terminal::sn));
        filter = filter.and(Filters.contains(q.getFirst("alias_icontains"), Terminal::alias));
        List<Terminal> rows = terminals.all().stream().filter(filter).toList();
        return paginator.page(rows, this::view, request, Paginator.NoLink.JSON_NULL);
    }

    @GetMapping("/{id}/")
    TerminalView get(@PathVariable String id) {
        return view(terminals.get(Ids.parse(id)).orElseThrow(ApiException::notFound));
    }

    @PostMapping("/")
    ResponseEntity<TerminalView> create(@RequestBody(required = false) Map<String, Object> body) {
        Terminal t = merge(new Terminal(0, null, null, null, 8, Area.NOT_AUTHORIZED, null), body, true);
        Terminal stored = terminals.insert(t).orElseThrow(TerminalController::snTaken);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(stored));
    }

    @PutMapping("/{id}/")
    TerminalView replace(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        return update(id, body, true);
    }

    @PatchMapping("/{id}/")
    TerminalView patch(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        return update(id, body, false);
    }

    @DeleteMapping("/{id}/")
    ResponseEntity<Void> delete(@PathVariable String id) {
        return Deletion.reply(terminals.delete(Ids.parse(id)));
    }

    private TerminalView update(String id, Map<String, Object> body, boolean full) {
        Terminal current = terminals.get(Ids.parse(id)).orElseThrow(ApiException::notFound);
        return view(terminals.replace(merge(current, body, full)).orElseThrow(TerminalController::snTaken));
    }

    /** Validates {@code body} over {@code base}; {@code full}: sn, alias and ip_address are required. */
    private Terminal merge(Terminal base, Map<String, Object> body, boolean full) {
        BodyReader r = new BodyReader(body);
        String sn = full || r.has("sn") ? r.string("sn", true, 50) : base.sn();
        String alias = full || r.has("alias") ? r.string("alias", true, 50) : base.alias();
        String ip = full || r.has("ip_address") ? r.string("ip_address", true, 50) : base.ipAddress();
        Integer tz = r.integer("terminal_tz", base.terminalTz());
        Long area = r.has("area") ? r.pk("area", false, areas::exists) : (Long) base.areaId();
        r.throwIfErrors();
        return new Terminal(
                base.id(), sn, alias, ip, tz, area == null ? Area.NOT_AUTHORIZED : area, base.lastActivity());
    }

    private static ApiException snTaken() {
        return ApiException.badRequest("sn", "terminal with this sn already exists."); // Django's unique-field text
    }

    TerminalView view(Terminal t) {
        Area area = areas.get(t.areaId()).orElse(null);
        AreaRef ref = area == null ? null : AreaRef.of(area);
        return new TerminalView(
                t.id(),
                t.sn(),
                t.ipAddress(),
                t.alias(),
                null,
                null,
                null,
                1,
                t.terminalTz(),
                ref,
                SimTime.format(t.lastActivity()),
                null,
                null,
                null,
                null,
                null,
                null,
                "00:00;14:05",
                1,
                1,
                area == null ? null : area.areaName());
    }
}
