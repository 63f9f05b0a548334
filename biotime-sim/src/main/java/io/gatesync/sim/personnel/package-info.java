/**
 * {@code /personnel/api/}: employees ({@link EmployeeController} → {@link EmployeeService}, DRF serializer rules, an
 * emp_code-unique store) and the org units (departments, areas, positions), which one generic store and controller
 * serve ({@link OrgUnitController}).
 */
package io.gatesync.sim.personnel;
