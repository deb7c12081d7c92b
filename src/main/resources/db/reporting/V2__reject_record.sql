-- Each line of the rejects file (rejected row, warning, unreadable record) also kept whole, as the
-- JSON Lines export writes it, so that whatever an output record carries reaches the database too.
-- NULL for the rows written before this migration.
ALTER TABLE report_reject ADD COLUMN record VARCHAR;
