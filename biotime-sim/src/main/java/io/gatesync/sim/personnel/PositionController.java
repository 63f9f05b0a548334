package io.gatesync.sim.personnel;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.web.Paginator;

@RestController
@RequestMapping("/personnel/api/positions")
class PositionController extends OrgUnitController<Position> {

    PositionController(PositionStore store, Paginator paginator) {
        super(store, paginator);
    }
}
