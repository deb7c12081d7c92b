-- The org's source-value capturing switch, which the points breakup needs (11019). NULL, as in
-- the rows written before it existed, means on: the default of the snapshot too.
ALTER TABLE ledger_org ADD COLUMN source_value_capturing BOOLEAN;
