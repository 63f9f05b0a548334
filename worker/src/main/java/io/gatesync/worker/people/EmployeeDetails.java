package io.gatesync.worker.people;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gatesync.common.config.ZktecoProperties;

/**
 * How a person maps onto a BioTime employee: CNIC → emp_code, name → first_name + last_name (first word, then the
 * rest, each cut to BioTime's 25 characters), phone → mobile, email given or generated as cnic@ZKTECO_EMAIL_DOMAIN.
 */
final class EmployeeDetails {

    static final int NAME_MAX = 25;

    private EmployeeDetails() {
    }

    /** The fields GateSync owns; sent on create and on every update. */
    static Map<String, Object> personal(PersonRow person, ZktecoProperties settings) {
        String[] words = person.name().trim().split("\\s+");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", cut(words[0]));
        body.put("last_name", cut(String.join(" ", Arrays.copyOfRange(words, 1, words.length))));
        body.put("mobile", person.phone() == null ? "" : person.phone().replaceAll("[ -]", ""));
        body.put("email", person.email() != null ? person.email() : person.cnic() + "@" + settings.emailDomain());
        return body;
    }

    /** Create also places the employee; later updates leave placement to HR. */
    static Map<String, Object> forCreate(PersonRow person, ZktecoProperties settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("emp_code", person.cnic());
        body.putAll(personal(person, settings));
        body.put("department", settings.defaultDepartment());
        body.put("position", settings.defaultPosition());
        body.put("area", new long[] { settings.defaultArea() });
        return body;
    }

    private static String cut(String text) {
        return text.length() <= NAME_MAX ? text : text.substring(0, NAME_MAX);
    }
}
