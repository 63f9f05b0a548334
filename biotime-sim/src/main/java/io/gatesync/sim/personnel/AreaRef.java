package io.gatesync.sim.personnel;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** An area as employee and terminal rows embed it: {@code {"id","area_code","area_name"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AreaRef(long id, String areaCode, String areaName) {

    public static AreaRef of(Area a) {
        return new AreaRef(a.id(), a.areaCode(), a.areaName());
    }
}
