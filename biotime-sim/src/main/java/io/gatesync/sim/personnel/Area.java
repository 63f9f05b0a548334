package io.gatesync.sim.personnel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Wire shape {@code {"id","area_code","area_name","parent_area"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Area(long id, String areaCode, String areaName, Long parentArea) implements OrgUnit {

    /**
     * The install's default pseudo-area: terminals that register themselves land here, and BioTime does not talk to
     * a terminal in it (nor store what it uploads) until an admin assigns it a real area.
     */
    public static final long NOT_AUTHORIZED = 1;

    static final OrgUnitKind<Area> KIND =
            new OrgUnitKind<>("area", "area", Area::new, new Area(NOT_AUTHORIZED, "1", "Not Authorized", null));

    @JsonIgnore
    @Override
    public String code() {
        return areaCode;
    }

    @JsonIgnore
    @Override
    public String name() {
        return areaName;
    }

    @JsonIgnore
    @Override
    public Long parent() {
        return parentArea;
    }
}
