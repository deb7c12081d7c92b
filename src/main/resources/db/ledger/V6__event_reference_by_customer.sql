-- Events found by reference are read for the customers asking and for their groups only: one
-- statement, a branch for the customers and one for the groups joined by UNION, each seeking by
-- an index here led by its id (H2 uses an IN-list of an index's first column only, then filters
-- by the reference; PostgreSQL seeks on both columns).
-- The index on the reference alone goes: a reference that many events share (the -1 of every
-- import and adjustment event, one in fourteen of a generated ledger) made each lookup read all of
-- them, and H2, which takes a reference for nearly unique, preferred it to these, whose cost it
-- reckons the same. No lookup of the product finds events by reference alone.
CREATE INDEX ix_ledger_event_customer_reference ON ledger_event (customer_id, event_reference_id);
CREATE INDEX ix_ledger_event_group_reference ON ledger_event (group_id, event_reference_id);
DROP INDEX ix_ledger_event_reference_id;
