package io.gatesync.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Simulator switches. Where the real API's behaviour is unconfirmed or varies between builds, it is a switch here,
 * so clients can be tested against both answers.
 *
 * @param username     the one user that can log in
 * @param password     its password
 * @param empCodeMatch how the employee {@code emp_code} filter matches (some real servers match a prefix)
 * @param envelope     list key: {@code data} (the 8.x build seen live) or {@code results} (what the docs show)
 * @param internalHost base of {@code next}/{@code previous} links; the real server leaks its internal host there
 * @param language     language of localised validation messages (the duplicate emp_code text)
 * @param jwtTtl       lifetime of a JWT from {@code /jwt-api-token-auth/}
 * @param seedAreas    names of areas an admin made, created after the install's own area 1 "Not Authorized" (ids 2,
 *                     3, …) at start and on every reset; none by default, as on a fresh install
 * @param tls          serve HTTPS only, with a self-signed certificate made at start-up ({@code SIM_TLS=true})
 * @param tlsNames     the host names and IP addresses that certificate is for
 * @param tlsCertificate where its PEM is written (a new temporary file if empty): GateSync's ZKTECO_CA_CERT
 * @param rules        how the server treats punches, where real builds differ or the evidence is thin; the defaults
 *                     are what a real 8.x shows ({@code ../shared/biotime-real-evidence.md}); tests change them at
 *                     run time through {@code POST /sim/rules}
 */
@ConfigurationProperties("sim")
public record SimProperties(
        @DefaultValue("admin") String username,
        @DefaultValue("admin") String password,
        @DefaultValue("prefix") EmpCodeMatch empCodeMatch,
        @DefaultValue("data") Envelope envelope,
        @DefaultValue("http://biotime-internal:8081") String internalHost,
        @DefaultValue("en") Language language,
        @DefaultValue("7d") Duration jwtTtl,
        List<String> seedAreas,
        @DefaultValue("false") boolean tls,
        @DefaultValue({"localhost", "127.0.0.1"}) List<String> tlsNames,
        Path tlsCertificate,
        @DefaultValue Rules rules) {

    public SimProperties {
        // links are built as internalHost + request path, so drop a trailing slash once here
        internalHost = internalHost.endsWith("/") ? internalHost.substring(0, internalHost.length() - 1) : internalHost;
        seedAreas = seedAreas == null ? List.of() : List.copyOf(seedAreas);
        tlsNames = List.copyOf(tlsNames);
    }

    public enum EmpCodeMatch {
        EXACT,
        PREFIX
    }

    public enum Envelope {
        DATA,
        RESULTS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Language {
        EN,
        ZH
    }

    /**
     * The punch rules. Each is a switch because real servers (or the evidence about them) differ.
     *
     * @param transactionPost           {@code accept}: POST on transactions creates a punch (8.x accepts it, undocumented);
     *                                  {@code refuse}: it answers 405, as a build without that route would
     * @param postedEmp                 {@code as-sent}: a POSTed transaction is linked to the employee only through the
     *                                  {@code emp} it carries, so one without stays unlinked (the table's FK is
     *                                  {@code emp_id}; whether BioTime fills it from emp_code is unconfirmed);
     *                                  {@code from-emp-code}: BioTime fills {@code emp} from {@code emp_code}
     * @param manualLogApproval         {@code pending}: a manual log created through the API waits for approval (one
     *                                  client approves them itself afterwards); {@code auto}: approved at once
     * @param manualLogTransaction      whether an approved manual log also becomes a row of
     *                                  {@code /iclock/api/transactions/} (unconfirmed: reports merge the two tables)
     * @param manualLogList             {@code page}: GET on manual logs pages like any list (seen on one build);
     *                                  {@code error}: a Django 500 page (seen on another)
     * @param punchStateType            {@code string} ("0") or {@code number} (0) in list rows; builds differ
     * @param punchStateDisplay         {@code name} ("Check In", the docs) or {@code code} ("0", a real server)
     * @param ordering                  {@code honoured}: the transaction list sorts by {@code ordering} (unknown fields
     *                                  ignored); {@code ignored}: it always answers in id order, as a build whose
     *                                  filter does not list the fields would (whether 8.x honours it is unconfirmed)
     * @param maxPageSize               the largest page_size lists answer with (a bigger one is cut to it): 5000 was
     *                                  seen honoured on a live 8.x; a proxy or another build may cap lower
     */
    public record Rules(
            @DefaultValue("accept") TransactionPost transactionPost,
            @DefaultValue("as-sent") PostedEmp postedEmp,
            @DefaultValue("pending") ManualLogApproval manualLogApproval,
            @DefaultValue("true") boolean manualLogTransaction,
            @DefaultValue("page") ManualLogList manualLogList,
            @DefaultValue("string") PunchStateType punchStateType,
            @DefaultValue("name") PunchStateDisplay punchStateDisplay,
            @DefaultValue("honoured") Ordering ordering,
            @DefaultValue("5000") int maxPageSize) {

        public enum TransactionPost {
            ACCEPT,
            REFUSE
        }

        public enum PostedEmp {
            AS_SENT,
            FROM_EMP_CODE,
            IGNORED
        }

        public enum ManualLogApproval {
            PENDING,
            AUTO
        }

        public enum ManualLogList {
            PAGE,
            ERROR
        }

        public enum PunchStateType {
            STRING,
            NUMBER
        }

        public enum PunchStateDisplay {
            NAME,
            CODE
        }

        public enum Ordering {
            HONOURED,
            IGNORED
        }
    }
}
