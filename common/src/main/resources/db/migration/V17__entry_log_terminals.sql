-- A pulled check-in or check-out of a fixed direction (rule IN or OUT) that became an entry or an exit is kept on
-- its entry log alone, with the BioTime terminal it came from: bounce suppression compares a new punch with its
-- neighbours' terminals, and a pulled_punches row for each such punch was a third of what a pull wrote. NULL for gate
-- punches, for day-rule punches (kept in pulled_punches, which decides their days again) and for rows pulled before.
ALTER TABLE entry_logs
    ADD COLUMN entry_terminal_sn VARCHAR(32) NULL COMMENT 'BioTime terminal of a pulled fixed-direction entry',
    ADD COLUMN exit_terminal_sn  VARCHAR(32) NULL COMMENT 'BioTime terminal of a pulled fixed-direction exit';
