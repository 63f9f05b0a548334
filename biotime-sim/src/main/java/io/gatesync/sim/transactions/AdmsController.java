package io.gatesync.sim.transactions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.web.SimTime;

/**
 * The ADMS device protocol, the channel real terminals push punches through. No authentication: devices never
 * log in. Replies are plain text.
 */
@RestController
class AdmsController {

    private static final MediaType TEXT = MediaType.TEXT_PLAIN;

    private final TransactionStore transactions;

    AdmsController(TransactionStore transactions) {
        this.transactions = transactions;
    }

    /** Handshake: the device asks for its options. */
    @GetMapping("/iclock/cdata")
    ResponseEntity<String> handshake(@RequestParam(name = "SN", required = false) String sn) {
        if (sn == null || sn.isBlank()) {
            return ResponseEntity.badRequest().contentType(TEXT).body("ERROR: missing SN");
        }
        String options = String.join("\n",
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
    ResponseEntity<String> upload(@RequestParam(name = "SN", required = false) String sn,
            @RequestParam(name = "table", required = false) String table,
            @RequestBody(required = false) String body) {
        if (sn == null || sn.isBlank()) {
            return ResponseEntity.badRequest().contentType(TEXT).body("ERROR: missing SN");
        }
        if ("ATTLOG".equalsIgnoreCase(table) && body != null) {
            for (String line : body.split("\r?\n")) {
                parse(line, sn.trim()).ifPresent(transactions::add);
            }
        }
        return ResponseEntity.ok().contentType(TEXT).body("OK");
    }

    /** Command poll: the simulator never has commands queued. */
    @GetMapping("/iclock/getrequest")
    ResponseEntity<String> getRequest() {
        return ResponseEntity.ok().contentType(TEXT).body("OK");
    }

    /** Command results. */
    @PostMapping("/iclock/devicecmd")
    ResponseEntity<String> deviceCmd() {
        return ResponseEntity.status(HttpStatus.OK).contentType(TEXT).body("OK");
    }

    static Optional<NewPunch> parse(String line, String sn) {
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
        return Optional.of(new NewPunch(f[0].trim(), time.get(), state, verify, workCode, sn, null,
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
