-- The reporting database: one SQL text for H2 2.x and PostgreSQL 14+.
-- Every table is written with upserts on its primary key (the ledger's own identities), so that a
-- rerun or a restarted chunk never duplicates a row.
-- Points and amounts are ${decimal} (NUMERIC on PostgreSQL, DECFLOAT on H2): exact for the ledger's
-- decimals whatever their scale, and summable by analysts; the exact text as the export writes it
-- also stays in report_event.event (JSON).
-- Rows are kept per run (run_key): a night's run never overwrites another's.
-- Times are UTC instants; JSON columns hold compact JSON text.

CREATE TABLE report_run (
  run_key VARCHAR(64) NOT NULL,
  execution_id BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  start_time TIMESTAMP(6) WITH TIME ZONE,
  end_time TIMESTAMP(6) WITH TIME ZONE,
  settings VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_exploded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  rows_unreadable BIGINT NOT NULL,
  events_written BIGINT NOT NULL,
  warnings BIGINT NOT NULL,
  CONSTRAINT pk_report_run PRIMARY KEY (run_key)
);

-- One exploded event as one request line of one run asked for it (two lines asking for it are both
-- kept).
CREATE TABLE report_event (
  run_key VARCHAR(64) NOT NULL,
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  request_line BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  group_id BIGINT,
  event_name VARCHAR,
  event_time TIMESTAMP(6) WITH TIME ZONE,
  till_id BIGINT,
  event_reference_id VARCHAR,
  unique_id VARCHAR,
  request VARCHAR NOT NULL,
  event VARCHAR NOT NULL,
  CONSTRAINT pk_report_event PRIMARY KEY (run_key, org_id, event_log_id, request_line)
);
CREATE INDEX ix_report_event_customer ON report_event (org_id, customer_id);

-- The points entries of an event, each bucket in ledger order (position 0-based); breakup-only
-- fields are filled when the request asked for the breakup.
CREATE TABLE report_points (
  run_key VARCHAR(64) NOT NULL,
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  request_line BIGINT NOT NULL,
  bucket VARCHAR(16) NOT NULL,
  position INTEGER NOT NULL,
  points ${decimal},
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
  source_value ${decimal},
  allocation_strategy_id BIGINT,
  allocation_strategy_name VARCHAR,
  points_category_id BIGINT,
  points_category_name VARCHAR,
  expiry_strategy_id BIGINT,
  expiry_strategy_name VARCHAR,
  line_item_id BIGINT,
  CONSTRAINT pk_report_points
    PRIMARY KEY (run_key, org_id, event_log_id, request_line, bucket, position)
);

-- Rejected rows, warnings and unreadable records of a run. code is 0 and request null for an
-- unreadable record; event_id and event_reference_id are '' when the line names none.
CREATE TABLE report_reject (
  run_key VARCHAR(64) NOT NULL,
  request_line BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  code INTEGER NOT NULL,
  event_id VARCHAR NOT NULL,
  event_reference_id VARCHAR NOT NULL,
  message VARCHAR NOT NULL,
  request VARCHAR,
  raw_text VARCHAR,
  CONSTRAINT pk_report_reject
    PRIMARY KEY (run_key, request_line, kind, code, event_id, event_reference_id)
);
