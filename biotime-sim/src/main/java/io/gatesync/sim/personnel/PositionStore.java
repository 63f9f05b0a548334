package io.gatesync.sim.personnel;

import org.springframework.stereotype.Component;

/** In-memory positions, seeded with id 1. */
@Component
public class PositionStore extends OrgUnitStore<Position> {

    public PositionStore() {
        super(Position.KIND);
    }
}
