package io.gatesync.worker.entrylog;

import io.gatesync.worker.biotime.Punch;

/** An entry log's two punches, and the columns that record each one's push. */
enum Direction {
    ENTRY(
            Punch.CHECK_IN,
            "entry_time",
            "zkteco_transaction_id",
            "zkteco_manual_log_id",
            "entry_push_started_at",
            "entry_punch_shift"),
    EXIT(
            Punch.CHECK_OUT,
            "exit_time",
            "zkteco_exit_transaction_id",
            "zkteco_exit_manual_log_id",
            "exit_push_started_at",
            "exit_punch_shift");

    final int state;
    final String timeColumn;
    final String transactionColumn;
    final String manualLogColumn;
    final String startedColumn;
    final String shiftColumn;

    Direction(
            int state,
            String timeColumn,
            String transactionColumn,
            String manualLogColumn,
            String startedColumn,
            String shiftColumn) {
        this.state = state;
        this.timeColumn = timeColumn;
        this.transactionColumn = transactionColumn;
        this.manualLogColumn = manualLogColumn;
        this.startedColumn = startedColumn;
        this.shiftColumn = shiftColumn;
    }

    String label() {
        return this == ENTRY ? "check-in" : "check-out";
    }
}
