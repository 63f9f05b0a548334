-- A pulled entry or exit is decided with its person's entries and exits a few minutes around it (bounces): read by
-- time, that touches only those minutes' rows; by (person_id, punch_day) it read every pulled punch of the person's
-- days in the batch's span, which grew with the person's history and was most of a pull's database reads.
ALTER TABLE pulled_punches ADD KEY pulled_punches_time (person_id, punch_time);
