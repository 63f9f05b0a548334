package io.gatesync.worker.biotime;

/**
 * The punch BioTime holds for a person in a second (its unique key is emp_code and punch_time, so there is at most
 * one, whatever its state).
 *
 * @param id              its transaction id, or its manual-log id on the manual-log channel
 * @param state           its punch state, or null if BioTime's text is not a number
 * @param fromOurTerminal it carries GateSync's terminal serial number: GateSync sent it
 * @param linked          whether BioTime linked it to the employee; null when the answer does not show it
 */
public record HeldPunch(long id, Integer state, boolean fromOurTerminal, Boolean linked) {

    public boolean sameState(Punch punch) {
        return state != null && state == punch.state();
    }
}
