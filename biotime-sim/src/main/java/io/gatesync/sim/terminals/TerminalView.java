package io.gatesync.sim.terminals;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.gatesync.sim.personnel.AreaRef;

/** The terminal read shape of the 8.0 API docs captured from a live server (area nested, and its name again). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TerminalView(
        long id,
        String sn,
        String ipAddress,
        String alias,
        String terminalName,
        String fwVer,
        String pushVer,
        int state,
        int terminalTz,
        AreaRef area,
        String lastActivity,
        Integer userCount,
        Integer fpCount,
        Integer faceCount,
        Integer palmCount,
        Integer transactionCount,
        String pushTime,
        String transferTime,
        int transferInterval,
        int isAttendance,
        String areaName) {}
