-- The campaign deadline (issue 5): the China calendar day by which the county's current stage
-- (区划绘图, drawing the districts) must be finished, set by the city office for the whole county,
-- so every office worker's dashboard forecasts against the same day. A column of the county, so its
-- changes are versioned and recorded in change_log by the county's history trigger like every other
-- write, and a report as of a past moment reads the deadline that stood then. Null until it is set.
ALTER TABLE county ADD COLUMN deadline date;
