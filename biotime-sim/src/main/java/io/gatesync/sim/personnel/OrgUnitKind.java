package io.gatesync.sim.personnel;

/**
 * Describes one org-unit resource so a single store and controller serve all three.
 *
 * @param label  model name used in messages ("department")
 * @param prefix field prefix: {@code dept} gives dept_code, dept_name, parent_dept
 * @param seed   the record with id 1 that a fresh BioTime install has
 */
record OrgUnitKind<T extends OrgUnit>(String label, String prefix, Factory<T> factory, T seed) {

    interface Factory<T> {
        T create(long id, String code, String name, Long parent);
    }

    String codeField() {
        return prefix + "_code";
    }

    String nameField() {
        return prefix + "_name";
    }

    String parentField() {
        return "parent_" + prefix;
    }
}
