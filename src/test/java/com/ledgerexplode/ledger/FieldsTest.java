package com.ledgerexplode.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fields of a ledger entry: in the enum's order, without those a view leaves out. */
class FieldsTest {
  private static Fields<PointsField> fields() {
    Map<PointsField, Object> given = new LinkedHashMap<>();
    given.put(PointsField.SOURCE_VALUE, new BigDecimal("2.5"));
    given.put(PointsField.PROGRAM_NAME, "Gold");
    given.put(PointsField.VALUE, new BigDecimal("10"));
    return new Fields<>(given);
  }

  @Test
  void fieldsAreKeptInTheEnumsOrderWhateverTheOrderGiven() {
    assertThat(fields().values().keySet())
        .containsExactly(PointsField.VALUE, PointsField.PROGRAM_NAME, PointsField.SOURCE_VALUE);
  }

  @Test
  void withoutLeavesOutTheFieldsNamedAndKeepsTheOthersInOrder() {
    Fields<PointsField> kept = fields().without(PointsField::breakupOnly);
    assertThat(kept.values())
        .containsExactly(
            Map.entry(PointsField.VALUE, new BigDecimal("10")),
            Map.entry(PointsField.PROGRAM_NAME, "Gold"));
    assertThat(fields().values()).hasSize(3);
  }

  @Test
  void withoutNamingNoFieldGivenIsTheSameFields() {
    Fields<PointsField> fields = fields();
    assertThat(fields.without(field -> field == PointsField.PROMOTION_ID)).isSameAs(fields);
  }
}
