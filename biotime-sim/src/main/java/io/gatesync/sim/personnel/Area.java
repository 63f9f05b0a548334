package io.gatesync.sim.personnel;

import com.fasterxml.jackson.annotation.JsonIgnore;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Wire shape {@code {"id","area_code","area_name","parent_area"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Area(long id, String areaCode, String areaName, Long parentArea) implements OrgUnit {

    static final OrgUnitKind<Area> KIND = new OrgUnitKind<>("area", "area", Area::new,
            new Area(1, "1", "Not Authorized", null));

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
