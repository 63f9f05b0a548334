package io.gatesync.sim.personnel;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.web.Paginator;

@RestController
@RequestMapping("/personnel/api/departments")
class DepartmentController extends OrgUnitController<Department> {

    DepartmentController(DepartmentStore store, Paginator paginator) {
        super(store, paginator);
    }
}
