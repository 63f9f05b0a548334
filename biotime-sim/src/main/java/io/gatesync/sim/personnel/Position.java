package io.gatesync.sim.personnel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Wire shape {@code {"id","position_code","position_name","parent_position"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Position(long id, String positionCode, String positionName, Long parentPosition) implements OrgUnit {

    static final OrgUnitKind<Position> KIND =
            new OrgUnitKind<>("position", "position", Position::new, new Position(1, "1", "Position", null));

    @JsonIgnore
    @Override
    public String code() {
        return positionCode;
    }

    @JsonIgnore
    @Override
    public String name() {
        return positionName;
    }

    @JsonIgnore
    @Override
    public Long parent() {
        return parentPosition;
    }
}
