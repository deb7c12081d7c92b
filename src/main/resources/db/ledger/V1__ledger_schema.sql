-- The ledger store: one SQL text for H2 2.x and PostgreSQL 14+.
-- Decimals are VARCHAR holding BigDecimal.toPlainString() (exact, scale kept, portable).
-- "value" is a keyword in H2, so that column is always written quoted, in lower case.
-- Children carry the ledger order in position (0-based).
-- Keys and indexes lead with the selective id (event_log_id, customer_id, group_id, value_key),
-- then org_id: statements pass ids as arrays (col = ANY(?)), and H2 uses an IN-list of an index's
-- first column only; an index led by org_id would make H2 scan a whole org. So the primary key
-- (event_log_id, org_id) of ledger_event is also its index on event_log_id.

CREATE TABLE ledger_org (
  org_id BIGINT NOT NULL,
  name VARCHAR,
  CONSTRAINT pk_ledger_org PRIMARY KEY (org_id)
);

CREATE TABLE ledger_org_connection (
  org_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  connected_org_id BIGINT NOT NULL,
  CONSTRAINT pk_ledger_org_connection PRIMARY KEY (org_id, position)
);

CREATE TABLE ledger_customer (
  org_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  CONSTRAINT pk_ledger_customer PRIMARY KEY (customer_id, org_id)
);

CREATE TABLE ledger_identifier (
  org_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  "value" VARCHAR NOT NULL,
  value_key VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  account_id VARCHAR,
  CONSTRAINT pk_ledger_identifier PRIMARY KEY (customer_id, org_id, position)
);
CREATE INDEX ix_ledger_identifier_value_key ON ledger_identifier (value_key, org_id);

CREATE TABLE ledger_group (
  org_id BIGINT NOT NULL,
  group_id BIGINT NOT NULL,
  primary_customer_id BIGINT,
  CONSTRAINT pk_ledger_group PRIMARY KEY (group_id, org_id)
);

CREATE TABLE ledger_group_member (
  org_id BIGINT NOT NULL,
  group_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  customer_id BIGINT NOT NULL,
  CONSTRAINT pk_ledger_group_member PRIMARY KEY (group_id, org_id, position)
);
CREATE INDEX ix_ledger_group_member_customer ON ledger_group_member (customer_id, org_id);

CREATE TABLE ledger_event (
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  group_id BIGINT,
  event_name VARCHAR,
  event_time TIMESTAMP(6) WITH TIME ZONE,
  till_id BIGINT,
  event_reference_id VARCHAR,
  unique_id VARCHAR,
  CONSTRAINT pk_ledger_event PRIMARY KEY (event_log_id, org_id)
);
CREATE INDEX ix_ledger_event_reference_id ON ledger_event (event_reference_id);

CREATE TABLE ledger_points (
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  bucket VARCHAR NOT NULL,
  "value" VARCHAR,
  program_id BIGINT,
  program_name VARCHAR,
  expires_on DATE,
  expiry_type VARCHAR,
  promotion_id BIGINT,
  promotion_name VARCHAR,
  promotion_start_date DATE,
  promotion_end_date DATE,
  conversion_date DATE,
  awarded_on TIMESTAMP(6) WITH TIME ZONE,
  source_value VARCHAR,
  allocation_strategy_id BIGINT,
  allocation_strategy_name VARCHAR,
  points_category_id BIGINT,
  points_category_name VARCHAR,
  expiry_strategy_id BIGINT,
  expiry_strategy_name VARCHAR,
  line_item_id BIGINT,
  CONSTRAINT pk_ledger_points PRIMARY KEY (event_log_id, org_id, position)
);

CREATE TABLE ledger_bill (
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  type VARCHAR,
  bill_number VARCHAR,
  gross_amount VARCHAR,
  discount VARCHAR,
  bill_amount VARCHAR,
  note VARCHAR,
  source VARCHAR,
  bill_date TIMESTAMP(6) WITH TIME ZONE,
  return_date TIMESTAMP(6) WITH TIME ZONE,
  return_amount VARCHAR,
  return_type VARCHAR,
  return_bill_id VARCHAR,
  CONSTRAINT pk_ledger_bill PRIMARY KEY (event_log_id, org_id)
);

CREATE TABLE ledger_line_item (
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  line_id BIGINT,
  line_item_code VARCHAR,
  line_amount VARCHAR,
  line_rate VARCHAR,
  line_qty VARCHAR,
  line_points_earned VARCHAR,
  CONSTRAINT pk_ledger_line_item PRIMARY KEY (event_log_id, org_id, position)
);

-- kind: 'custom' or 'extended'
CREATE TABLE ledger_event_field (
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  position INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  "value" VARCHAR,
  CONSTRAINT pk_ledger_event_field PRIMARY KEY (event_log_id, org_id, kind, position)
);

CREATE TABLE ledger_payment_mode (
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  mode VARCHAR NOT NULL,
  amount VARCHAR,
  CONSTRAINT pk_ledger_payment_mode PRIMARY KEY (event_log_id, org_id, position)
);

CREATE TABLE ledger_alternate_currency (
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  identifier VARCHAR,
  "value" VARCHAR,
  expires_on DATE,
  CONSTRAINT pk_ledger_alternate_currency PRIMARY KEY (event_log_id, org_id, position)
);
