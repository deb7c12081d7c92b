package com.ledgerexplode.ledger;

/** The fields of a bill's line item, in the API's order. */
public enum LineItemField implements FieldSpec {
  ID("id", FieldType.INTEGER),
  ITEM_CODE("itemCode", FieldType.TEXT),
  SOURCE("source", FieldType.TEXT),
  GROSS_AMOUNT("grossAmount", FieldType.DECIMAL),
  DISCOUNT("discount", FieldType.DECIMAL),
  AMOUNT("amount", FieldType.DECIMAL),
  RATE("rate", FieldType.DECIMAL),
  QTY("qty", FieldType.DECIMAL);

  private final String jsonName;
  private final FieldType type;

  LineItemField(String jsonName, FieldType type) {
    this.jsonName = jsonName;
    this.type = type;
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
    return "line_" + Columns.snakeCase(jsonName);
  }
}
