package io.gatesync.sim.personnel;

import org.springframework.stereotype.Component;

/** In-memory departments, seeded with id 1. */
@Component
public class DepartmentStore extends OrgUnitStore<Department> {

    public DepartmentStore() {
        super(Department.KIND);
    }
}
