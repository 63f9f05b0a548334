package io.gatesync.worker.people;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gatesync.common.config.ZktecoProperties;

/**
 * How a person maps onto a BioTime employee: CNIC → emp_code, name → first_name + last_name (first word, then the
 * rest, each cut to BioTime's 25 characters), phone → mobile (without spaces and dashes, at most 20 characters),
 * email given or generated as cnic@ZKTECO_EMAIL_DOMAIN (at most 50).
 */
final class EmployeeDetails {

    static final int NAME_MAX = 25;
    /** BioTime's limits (8.0 API docs; varchar(20) and (50) in its tables): longer is a 400 for the whole employee. */
    static final int MOBILE_MAX = 20;

    static final int EMAIL_MAX = 50;

    private EmployeeDetails() {}

    /** The fields GateSync owns; sent on create and on every update. */
    static Map<String, Object> personal(PersonRow person, ZktecoProperties settings) {
        String[] words = person.name().trim().split("\\s+");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", cut(words[0], NAME_MAX));
        body.put("last_name", cut(String.join(" ", Arrays.copyOfRange(words, 1, words.length)), NAME_MAX));
        body.put("mobile", person.phone() == null ? "" : cut(person.phone().replaceAll("[ -]", ""), MOBILE_MAX));
        String email = person.email() != null ? person.email() : person.cnic() + "@" + settings.emailDomain();
        // a cut address would be someone else's: one BioTime cannot keep is left out rather than sent wrong
        body.put("email", email.length() <= EMAIL_MAX ? email : "");
        return body;
    }

    /** Create also places the employee; later updates leave placement to HR. */
    static Map<String, Object> forCreate(PersonRow person, ZktecoProperties settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("emp_code", person.cnic());
        body.putAll(personal(person, settings));
        body.put("department", settings.defaultDepartment());
        body.put("position", settings.defaultPosition());
        body.put("area", new long[] {settings.defaultArea()});
        return body;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
