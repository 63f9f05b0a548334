package io.gatesync.worker.biotime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * A BioTime terminal (device) as {@code /iclock/api/terminals/} shows it: the area nested
 * ({@code {"id":1,"area_code":"1","area_name":"Not Authorized"}}) and its name again as {@code area_name}; read
 * leniently, since a build may send the area as a bare id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Terminal(
        long id,
        String sn,
        String alias,
        JsonNode area,
        @JsonProperty("area_name") String areaName,
        @JsonProperty("last_activity") String lastActivity) {

    /** The name of BioTime's pseudo-area for terminals nobody assigned: BioTime ignores what they upload. */
    public static final String NOT_AUTHORIZED = "Not Authorized";

    public Long areaId() {
        if (area == null || area.isNull() || area.isMissingNode()) {
            return null;
        }
        JsonNode id = area.isObject() ? area.get("id") : area;
        if (id == null || id.isNull()) {
            return null;
        }
        try {
            return Long.valueOf(id.asString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The area's name, from the nested area or {@code area_name}. */
    public String areaLabel() {
        if (area != null && area.isObject() && area.hasNonNull("area_name")) {
            return area.get("area_name").asString();
        }
        return areaName;
    }

    /** Whether BioTime keeps what this terminal uploads: not while it sits in the Not Authorized pseudo-area. */
    public boolean authorized() {
        return !isNotAuthorized(areaLabel());
    }

    public static boolean isNotAuthorized(String areaName) {
        return areaName != null && areaName.trim().equalsIgnoreCase(NOT_AUTHORIZED);
    }
}
