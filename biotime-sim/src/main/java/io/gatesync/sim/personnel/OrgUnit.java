package io.gatesync.sim.personnel;

/** What departments, areas and positions share: plain code/name trees with the same CRUD endpoints. */
public interface OrgUnit {

    long id();

    String code();

    String name();

    Long parent();
}
