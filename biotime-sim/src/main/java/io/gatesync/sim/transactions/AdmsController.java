package io.gatesync.sim.transactions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.personnel.Area;
import io.gatesync.sim.personnel.AreaStore;
import io.gatesync.sim.personnel.Employee;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.terminals.Terminal;
import io.gatesync.sim.terminals.TerminalStore;
import io.gatesync.sim.web.SimTime;

/**
 * The ADMS device protocol, the channel real terminals push punches through. No authentication: devices never
 * log in. Replies are plain text. Every request is the terminal's activity; an unknown serial number (6 characters
 * or more) adds itself as "Auto add" in the Not Authorized area, and BioTime keeps nothing a terminal in that
 * area uploads until an admin assigns it a real one. An upload is answered {@code OK:<lines stored>}: lines that
 * are unreadable, or that the (emp_code, punch_time) key refuses, are not stored and not counted.
 */
@RestController
class AdmsController {

    private static final MediaType TEXT = MediaType.TEXT_PLAIN;

    private final TransactionStore transactions;
    private final TerminalStore terminals;
    private final EmployeeStore employees;
    private final AreaStore areas;

    AdmsController(TransactionStore transactions, TerminalStore terminals, EmployeeStore employees, AreaStore areas) {
        this.transactions = transactions;
        this.terminals = terminals;
        this.employees = employees;
        this.areas = areas;
    }

    /** Handshake: the device asks for its options. */
    @GetMapping("/iclock/cdata")
    ResponseEntity<String> handshake(
            @RequestParam(name = "SN", required = false) String sn, ServerHttpRequest request) {
        if (sn == null || sn.isBlank()) {
            return ResponseEntity.badRequest().contentType(TEXT).body("ERROR: missing SN");
        }
        terminals.heard(sn.trim(), remoteIp(request));
        String options = String.join(
                "\n",
                "GET OPTION FROM: " + sn,
                "Stamp=9999",
                "OpStamp=9999",
                "ErrorDelay=30",
                "Delay=10",
                "TransTimes=00:00;14:05",
                "TransInterval=1",
                "TransFlag=1111000000",
                "Realtime=1",
                "Encrypt=0");
        return ResponseEntity.ok().contentType(TEXT).body(options);
    }

    /**
     * Data upload. For table=ATTLOG each line is {@code PIN\tyyyy-MM-dd HH:mm:ss\tStatus\tVerify\tWorkCode\t...};
     * unparsable and blank lines are skipped (a device would otherwise resend them forever). Other tables are
     * acknowledged and ignored.
     */
    @PostMapping("/iclock/cdata")
    ResponseEntity<String> upload(
            @RequestParam(name = "SN", required = false) String sn,
            @RequestParam(name = "table", required = false) String table,
            @RequestBody(required = false) String body,
            ServerHttpRequest request) {
        if (sn == null || sn.isBlank()) {
            return ResponseEntity.badRequest().contentType(TEXT).body("ERROR: missing SN");
        }
        Optional<Terminal> terminal = terminals.heard(sn.trim(), remoteIp(request));
        if (!"ATTLOG".equalsIgnoreCase(table)) {
            return ResponseEntity.ok().contentType(TEXT).body("OK");
        }
        int stored = 0;
        if (body != null && terminal.isPresent() && terminal.get().areaId() != Area.NOT_AUTHORIZED) {
            String areaName =
                    areas.get(terminal.get().areaId()).map(Area::areaName).orElse(null);
            for (String line : body.split("\r?\n")) {
                Optional<Transaction> added =
                        parse(line, terminal.get(), areaName).flatMap(transactions::add);
                stored += added.isPresent() ? 1 : 0;
            }
        }
        return ResponseEntity.ok().contentType(TEXT).body("OK:" + stored);
    }

    /** Command poll: the simulator never has commands queued. */
    @GetMapping("/iclock/getrequest")
    ResponseEntity<String> getRequest(
            @RequestParam(name = "SN", required = false) String sn, ServerHttpRequest request) {
        if (sn != null && !sn.isBlank()) {
            terminals.heard(sn.trim(), remoteIp(request));
        }
        return ResponseEntity.ok().contentType(TEXT).body("OK");
    }

    /** Command results. */
    @PostMapping("/iclock/devicecmd")
    ResponseEntity<String> deviceCmd() {
        return ResponseEntity.status(HttpStatus.OK).contentType(TEXT).body("OK");
    }

    private static String remoteIp(ServerHttpRequest request) {
        return request.getRemoteAddress() == null
                ? ""
                : request.getRemoteAddress().getAddress().getHostAddress();
    }

    /** A line as the terminal's punch, linked to the employee whose emp_code is its PIN (a device knows no other). */
    private Optional<NewPunch> parse(String line, Terminal terminal, String areaName) {
        return parse(line)
                .map(p -> new NewPunch(
                        p.empCode(),
                        employees.byCode(p.empCode()).map(Employee::id).orElse(null),
                        p.punchTime(),
                        p.punchState(),
                        p.verifyType(),
                        p.workCode(),
                        terminal.id(),
                        terminal.sn(),
                        terminal.alias(),
                        areaName,
                        null,
                        Transaction.Source.ADMS));
    }

    static Optional<NewPunch> parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 2 || f[0].isBlank()) {
            return Optional.empty();
        }
        Optional<LocalDateTime> time = punchTime(f[1].trim());
        Integer state = f.length > 2 ? intOr(f[2], 0) : Integer.valueOf(0);
        Integer verify = f.length > 3 ? intOr(f[3], 0) : Integer.valueOf(0);
        if (time.isEmpty() || state == null || verify == null) {
            return Optional.empty();
        }
        String workCode = f.length > 4 ? f[4].trim() : "";
        return Optional.of(new NewPunch(
                f[0].trim(),
                null,
                time.get(),
                state,
                verify,
                workCode,
                null,
                null,
                null,
                null,
                null,
                Transaction.Source.ADMS));
    }

    /** A wall-clock time, or (some firmware) Unix epoch seconds, taken as UTC wall-clock since the simulator has no zone. */
    private static Optional<LocalDateTime> punchTime(String s) {
        if (s.matches("\\d{9,11}")) {
            return Optional.of(LocalDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(s)), ZoneOffset.UTC));
        }
        return SimTime.parseDateTime(s);
    }

    /** Blank means the default; garbage means the line is rejected (null). */
    private static Integer intOr(String s, int blank) {
        if (s.isBlank()) {
            return blank;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
