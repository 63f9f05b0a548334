package io.gatesync.sim.personnel;

import org.springframework.stereotype.Component;

/** In-memory areas, seeded with id 1. */
@Component
public class AreaStore extends OrgUnitStore<Area> {

    public AreaStore() {
        super(Area.KIND);
    }
}
