package com.ledgerexplode.ledger;

/**
 * The fields of a points entry. Those marked breakup-only appear only in {@code
 * pointsEarnedBreakup}; the others appear in {@code pointsEarned} too.
 */
public enum PointsField implements FieldSpec {
  VALUE("value", FieldType.DECIMAL, false),
  PROGRAM_ID("programId", FieldType.INTEGER, false),
  PROGRAM_NAME("programName", FieldType.TEXT, false),
  EXPIRES_ON("expiresOn", FieldType.DATE, false),
  EXPIRY_TYPE("expiryType", FieldType.TEXT, false),
  PROMOTION_ID("promotionId", FieldType.INTEGER, false),
  PROMOTION_NAME("promotionName", FieldType.TEXT, false),
  PROMOTION_START_DATE("promotionStartDate", FieldType.DATE, false),
  PROMOTION_END_DATE("promotionEndDate", FieldType.DATE, false),
  CONVERSION_DATE("conversionDate", FieldType.DATE, false),
  AWARDED_ON("awardedOn", FieldType.TIMESTAMP, true),
  SOURCE_VALUE("sourceValue", FieldType.DECIMAL, true),
  ALLOCATION_STRATEGY_ID("allocationStrategyId", FieldType.INTEGER, true),
  ALLOCATION_STRATEGY_NAME("allocationStrategyName", FieldType.TEXT, true),
  POINTS_CATEGORY_ID("pointsCategoryId", FieldType.INTEGER, true),
  POINTS_CATEGORY_NAME("pointsCategoryName", FieldType.TEXT, true),
  EXPIRY_STRATEGY_ID("expiryStrategyId", FieldType.INTEGER, true),
  EXPIRY_STRATEGY_NAME("expiryStrategyName", FieldType.TEXT, true),
  LINE_ITEM_ID("lineItemId", FieldType.INTEGER, true),
  DELAY_STRATEGY("delayStrategy", FieldType.TEXT, true),
  RETURN_POINTS("returnPoints", FieldType.DECIMAL, false),
  RETURNED_POINTS("returnedPoints", FieldType.DECIMAL, false);

  private final String jsonName;
  private final FieldType type;
  private final boolean breakupOnly;

  PointsField(String jsonName, FieldType type, boolean breakupOnly) {
    this.jsonName = jsonName;
    this.type = type;
    this.breakupOnly = breakupOnly;
  }

  @Override
  public String jsonName() {
    return jsonName;
  }

  @Override
  public FieldType type() {
    return type;
  }

  @Override
  public String column() {
    return Columns.snakeCase(jsonName);
  }

  public boolean breakupOnly() {
    return breakupOnly;
  }
}
