package io.gatesync.worker.biotime;

import java.util.Locale;

/**
 * Every BioTime request the client sends, named as metrics, logs and errors show it (the {@code endpoint} tag:
 * EMPLOYEES_LIST is "employees.list"). An enum, so the request timer can exist at 0 for each from start-up.
 */
public enum BioTimeEndpoint {
    LOGIN,
    EMPLOYEES_LIST,
    EMPLOYEES_CREATE,
    EMPLOYEES_UPDATE,
    RESIGNS_LIST,
    RESIGNS_CREATE,
    RESIGNS_REINSTATE,
    DEPARTMENTS_LIST,
    DEPARTMENTS_GET,
    AREAS_GET,
    POSITIONS_GET,
    TRANSACTIONS_LIST,
    TRANSACTIONS_CREATE,
    TRANSACTIONS_GET,
    TRANSACTIONS_DELETE,
    MANUALLOGS_LIST,
    MANUALLOGS_CREATE,
    TERMINALS_LIST,
    TERMINALS_CREATE,
    ADMS_ATTLOG;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '.');

    public String label() {
        return label;
    }

    /** Reading one department, area or position ({@code kind} "departments", "areas" or "positions"). */
    static BioTimeEndpoint orgUnitGet(String kind) {
        return switch (kind) {
            case "departments" -> DEPARTMENTS_GET;
            case "areas" -> AREAS_GET;
            case "positions" -> POSITIONS_GET;
            default -> throw new IllegalArgumentException("Not a BioTime org unit kind: " + kind);
        };
    }
}
