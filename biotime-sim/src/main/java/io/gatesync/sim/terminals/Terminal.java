package io.gatesync.sim.terminals;

import java.time.LocalDateTime;

/**
 * A terminal (device) as BioTime keeps it ({@code iclock_terminal}).
 *
 * @param areaId       the area whose employees BioTime sends to the terminal; {@code Area.NOT_AUTHORIZED} until an
 *                     admin assigns one to a terminal that added itself
 * @param lastActivity when the terminal last spoke ADMS (handshake, upload, command poll), or null
 */
public record Terminal(
        long id, String sn, String alias, String ipAddress, int terminalTz, long areaId, LocalDateTime lastActivity) {

    Terminal withId(long newId) {
        return new Terminal(newId, sn, alias, ipAddress, terminalTz, areaId, lastActivity);
    }

    Terminal seenAt(LocalDateTime when) {
        return new Terminal(id, sn, alias, ipAddress, terminalTz, areaId, when);
    }
}
