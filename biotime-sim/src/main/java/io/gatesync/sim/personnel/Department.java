package io.gatesync.sim.personnel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Wire shape {@code {"id","dept_code","dept_name","parent_dept"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Department(long id, String deptCode, String deptName, Long parentDept) implements OrgUnit {

    static final OrgUnitKind<Department> KIND =
            new OrgUnitKind<>("department", "dept", Department::new, new Department(1, "1", "Department", null));

    @JsonIgnore
    @Override
    public String code() {
        return deptCode;
    }

    @JsonIgnore
    @Override
    public String name() {
        return deptName;
    }

    @JsonIgnore
    @Override
    public Long parent() {
        return parentDept;
    }
}
