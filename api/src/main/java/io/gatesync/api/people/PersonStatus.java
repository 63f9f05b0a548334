package io.gatesync.api.people;

/** Whether a person still works here: a LEFT person's BioTime employee is resigned; nothing is deleted. */
public enum PersonStatus {
    ACTIVE,
    LEFT
}
