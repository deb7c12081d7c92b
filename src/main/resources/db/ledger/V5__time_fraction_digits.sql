-- A time keeps the digits its fraction was given with (PRODUCT.md, "Dates and times": 02.5 is
-- written .5, 02.120 is .120, 02 is .0 and has no fraction in its ISO twin), beside the time's
-- column: 0 to 9. The time itself keeps microseconds; digits beyond them are zeros.
-- NULL, as in the rows written before this version, means the digits the time read with then: those
-- an ISO-8601 instant writes (none, 3, 6 or 9), so that a ledger imported before reads as before.
-- The type's details and blocks keep their times as ISO-8601 text, digits and all.

ALTER TABLE ledger_event ADD COLUMN event_time_fraction_digits SMALLINT;
ALTER TABLE ledger_points ADD COLUMN awarded_on_fraction_digits SMALLINT;
ALTER TABLE ledger_bill ADD COLUMN bill_date_fraction_digits SMALLINT;
ALTER TABLE ledger_bill ADD COLUMN return_date_fraction_digits SMALLINT;
ALTER TABLE ledger_alternate_currency ADD COLUMN awarded_on_fraction_digits SMALLINT;
