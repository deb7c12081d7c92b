-- The vendor's shapes (issue 8): promised entries' delayed-accrual strategy, points given back on
-- returns, line items with their own source, amounts and points, alternate currencies as whole
-- points entries. A line item's points are rows of ledger_points naming the line's position, so
-- that they come back with the event's points in the one statement that loads points.

ALTER TABLE ledger_points ADD COLUMN delay_strategy VARCHAR;
ALTER TABLE ledger_points ADD COLUMN return_points VARCHAR;
ALTER TABLE ledger_points ADD COLUMN returned_points VARCHAR;
ALTER TABLE ledger_points ADD COLUMN line_position INTEGER;

ALTER TABLE ledger_line_item ADD COLUMN line_source VARCHAR;
ALTER TABLE ledger_line_item ADD COLUMN line_gross_amount VARCHAR;
ALTER TABLE ledger_line_item ADD COLUMN line_discount VARCHAR;
-- A line's earned points are its points entries now; a decimal total said less than they do.
ALTER TABLE ledger_line_item DROP COLUMN line_points_earned;

ALTER TABLE ledger_alternate_currency ADD COLUMN bucket VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN program_id BIGINT;
ALTER TABLE ledger_alternate_currency ADD COLUMN program_name VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN expiry_type VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN promotion_id BIGINT;
ALTER TABLE ledger_alternate_currency ADD COLUMN promotion_name VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN promotion_start_date DATE;
ALTER TABLE ledger_alternate_currency ADD COLUMN promotion_end_date DATE;
ALTER TABLE ledger_alternate_currency ADD COLUMN conversion_date DATE;
ALTER TABLE ledger_alternate_currency ADD COLUMN awarded_on TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE ledger_alternate_currency ADD COLUMN source_value VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN allocation_strategy_id BIGINT;
ALTER TABLE ledger_alternate_currency ADD COLUMN allocation_strategy_name VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN points_category_id BIGINT;
ALTER TABLE ledger_alternate_currency ADD COLUMN points_category_name VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN expiry_strategy_id BIGINT;
ALTER TABLE ledger_alternate_currency ADD COLUMN expiry_strategy_name VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN line_item_id BIGINT;
ALTER TABLE ledger_alternate_currency ADD COLUMN delay_strategy VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN return_points VARCHAR;
ALTER TABLE ledger_alternate_currency ADD COLUMN returned_points VARCHAR;
-- Every entry names its bucket; those written before had none and were regular points.
UPDATE ledger_alternate_currency SET bucket = 'regular' WHERE bucket IS NULL;
