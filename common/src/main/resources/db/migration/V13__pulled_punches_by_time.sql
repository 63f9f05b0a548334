-- A pulled entry or exit is decided with its person's entries and exits a few minutes around it (bounces): read by
-- (person_id, punch_day) alone, that read every pulled punch of the person's days in the batch's span, which grew
-- with the person's history and was most of a pull's database reads. One key serves both reads: a day-rule punch
-- reads its person's day by its first two parts, an entry or exit its minutes by all three.
ALTER TABLE pulled_punches DROP KEY pulled_punches_day, ADD KEY pulled_punches_day_time (person_id, punch_day, punch_time);
