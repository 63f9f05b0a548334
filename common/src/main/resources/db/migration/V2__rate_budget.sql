-- One BioTime request budget for the whole cluster. Permits are time slots on a grid of 1/rate seconds;
-- a worker leases a few consecutive slots at a time (one round trip for several requests) and moves
-- next_slot_us past them, so every worker's requests interleave and no second gets more than the rate.
CREATE TABLE rate_budget (
    name         VARCHAR(64) NOT NULL,
    next_slot_us BIGINT      NOT NULL COMMENT 'epoch microseconds (database clock) of the next free slot',
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Live workers: each beats every few seconds; the in-flight budget is shared among those seen lately,
-- so a dead worker's share returns to the others.
CREATE TABLE worker_nodes (
    node      VARCHAR(100) NOT NULL,
    last_seen DATETIME(3)  NOT NULL,
    started   DATETIME(3)  NOT NULL,
    PRIMARY KEY (node)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
