-- Every event type: typed columns on report_event for what analysts filter and sum on, the
-- event's exported object as JSON (jsonb on PostgreSQL), and tables for points spent or moved.
-- One SQL text for H2 2.x and PostgreSQL 14+: ${json} is jsonb on PostgreSQL and VARCHAR on H2,
-- ${decimal} is as in V1.
--
-- Typed columns are read from the ledger's event as exploded (its points entries, its bill when the
-- request asked for it, its type's blocks); a typed column is NULL where the event has no such
-- value or the ledger gives it in a form that is not the column's type (blocks are kept verbatim):
-- report_event.event always holds it as exported.

-- The exported object (customerId, then the API's event object), as the JSON Lines file writes it
-- after its request. On PostgreSQL it becomes jsonb in place: the rows written before this
-- migration are converted whole, every key and value kept (jsonb keeps numbers' scale, not the
-- keys' order nor the whitespace; the file keeps the vendor's order). On H2 it stays JSON text.
ALTER TABLE report_event ALTER COLUMN event SET DATA TYPE ${json} USING CAST(event AS ${json});

-- Per event, NULL for the rows written before this migration:
-- points_regular, points_promo, points_promised: the sum of what the event earned in each bucket
--   (pointsEarned, wherever its type shows it, whether or not the request showed it; 0 when the
--   bucket is empty; NULL for types that earn nothing: PointsTransfer, PointsRedemption,
--   ManualPointsAdjustment);
-- program_id: the program of all the event's points entries and spent or moved rows when they name
--   one single program, else NULL;
-- bill_number, bill_amount, return_amount: the bill's, when the request asked for it
--   (getBillDetails) on a bill event;
-- points_redeemed: a PointsRedemption's redemptionDetails.pointsRedeemed (its rows by program are in
--   report_redemption);
-- points_transferred: a PointsTransfer's points, the sum of transferredFrom's rows (report_transfer);
-- points_deducted: a ManualPointsAdjustment's totalPointsDeducted (its rows in report_deduction);
-- voucher_series_id, voucher_code: a VoucherRedemption's voucherSeriesId and redeemedVoucherCode
--   (it earns points, it spends none: it has no row in the tables below).
ALTER TABLE report_event ADD COLUMN points_regular ${decimal};
ALTER TABLE report_event ADD COLUMN points_promo ${decimal};
ALTER TABLE report_event ADD COLUMN points_promised ${decimal};
ALTER TABLE report_event ADD COLUMN program_id BIGINT;
ALTER TABLE report_event ADD COLUMN bill_number VARCHAR;
ALTER TABLE report_event ADD COLUMN bill_amount ${decimal};
ALTER TABLE report_event ADD COLUMN return_amount ${decimal};
ALTER TABLE report_event ADD COLUMN points_redeemed ${decimal};
ALTER TABLE report_event ADD COLUMN points_transferred ${decimal};
ALTER TABLE report_event ADD COLUMN points_deducted ${decimal};
ALTER TABLE report_event ADD COLUMN voucher_series_id BIGINT;
ALTER TABLE report_event ADD COLUMN voucher_code VARCHAR;
CREATE INDEX ix_report_event_type ON report_event (org_id, event_name, event_time);

-- The rows of a PointsRedemption's pointsBreakup, in ledger order (position 0-based): the points
-- redeemed from each program. A redemption whose breakup is empty has none; its total is
-- report_event.points_redeemed.
CREATE TABLE report_redemption (
  run_key VARCHAR(64) NOT NULL,
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  request_line BIGINT NOT NULL,
  position INTEGER NOT NULL,
  customer_id BIGINT NOT NULL,
  redemption_id VARCHAR,
  points ${decimal},
  program_id BIGINT,
  program_name VARCHAR,
  CONSTRAINT pk_report_redemption
    PRIMARY KEY (run_key, org_id, event_log_id, request_line, position)
);

-- The points rows of a PointsTransfer (pointsTransferDetails): those of transferredFrom (side
-- 'from': the points that left from_user_id) then those of transferredTo (side 'to': the points
-- to_user_id received), position 0-based within the side, in ledger order. User ids are the
-- vendor's userId strings.
CREATE TABLE report_transfer (
  run_key VARCHAR(64) NOT NULL,
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  request_line BIGINT NOT NULL,
  side VARCHAR(4) NOT NULL,
  position INTEGER NOT NULL,
  from_user_id VARCHAR,
  to_user_id VARCHAR,
  transfer_type VARCHAR,
  points ${decimal},
  program_id BIGINT,
  program_name VARCHAR,
  CONSTRAINT pk_report_transfer
    PRIMARY KEY (run_key, org_id, event_log_id, request_line, side, position)
);

-- The deduction rows of a ManualPointsAdjustment (pointsDeductionBreakUpDetails), in ledger order:
-- points_deducted is the exact pointsDeductedStr (pointsDeducted when the ledger gives no string).
CREATE TABLE report_deduction (
  run_key VARCHAR(64) NOT NULL,
  org_id BIGINT NOT NULL,
  event_log_id BIGINT NOT NULL,
  request_line BIGINT NOT NULL,
  position INTEGER NOT NULL,
  customer_id BIGINT,
  points_deducted ${decimal},
  program_id BIGINT,
  program_name VARCHAR,
  promotion_id BIGINT,
  promotion_name VARCHAR,
  deduction_type VARCHAR,
  point_awarded_ref_type VARCHAR,
  point_awarded_ref_id BIGINT,
  points_deducted_on TIMESTAMP(6) WITH TIME ZONE,
  points_deducted_by VARCHAR,
  reason VARCHAR,
  CONSTRAINT pk_report_deduction
    PRIMARY KEY (run_key, org_id, event_log_id, request_line, position)
);
