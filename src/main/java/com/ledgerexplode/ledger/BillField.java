package com.ledgerexplode.ledger;

/** The fields of a bill, in the API's order (line items apart). */
public enum BillField implements FieldSpec {
  TYPE("type", FieldType.TEXT),
  BILL_NUMBER("billNumber", FieldType.TEXT),
  GROSS_AMOUNT("grossAmount", FieldType.DECIMAL),
  DISCOUNT("discount", FieldType.DECIMAL),
  BILL_AMOUNT("billAmount", FieldType.DECIMAL),
  NOTE("note", FieldType.TEXT),
  SOURCE("source", FieldType.TEXT),
  BILL_DATE("billDate", FieldType.TIMESTAMP),
  RETURN_DATE("returnDate", FieldType.TIMESTAMP),
  RETURN_AMOUNT("returnAmount", FieldType.DECIMAL),
  RETURN_TYPE("returnType", FieldType.TEXT),
  RETURN_BILL_ID("returnBillId", FieldType.TEXT);

  private final String jsonName;
  private final FieldType type;

  BillField(String jsonName, FieldType type) {
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
    return Columns.snakeCase(jsonName);
  }
}
