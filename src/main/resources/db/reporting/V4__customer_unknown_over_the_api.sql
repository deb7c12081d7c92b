-- The job reading the vendor's API (ledger.api) writes here too. The vendor's envelope names no
-- customer: the job knows an event's customer from our serve's Ledger-Customer-Id header, or from a
-- row that names its customer by id; otherwise it knows none, and customer_id is NULL (the
-- exported object has no customerId then either). One SQL text for H2 2.x and PostgreSQL 14+.
ALTER TABLE report_event ALTER COLUMN customer_id DROP NOT NULL;
ALTER TABLE report_redemption ALTER COLUMN customer_id DROP NOT NULL;
