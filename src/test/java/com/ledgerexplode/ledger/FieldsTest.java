package com.ledgerexplode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void builtFieldsAreInTheEnumsOrderWhateverTheOrderPut() {
    Fields<PointsField> built =
        new Fields.Builder<>(PointsField.class)
            .put(PointsField.SOURCE_VALUE, new BigDecimal("2.5"))
            .put(PointsField.PROGRAM_NAME, "Gold")
            .put(PointsField.VALUE, new BigDecimal("10"))
            .build();
    assertThat(built).isEqualTo(fields());
    assertThat(built.values().keySet())
        .containsExactly(PointsField.VALUE, PointsField.PROGRAM_NAME, PointsField.SOURCE_VALUE);
  }

  @Test
  void aBuilderTakesNoFieldOnceBuiltSoTheFieldsNeverChange() {
    Fields.Builder<PointsField> builder =
        new Fields.Builder<PointsField>(PointsField.class).put(PointsField.VALUE, BigDecimal.ONE);
    Fields<PointsField> built = builder.build();
    assertThatThrownBy(() -> builder.put(PointsField.PROGRAM_NAME, "Gold"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(built.values()).containsOnlyKeys(PointsField.VALUE);
  }

  @Test
  void forEachGivesEachFieldAndItsValueInTheEnumsOrder() {
    Map<PointsField, Object> seen = new LinkedHashMap<>();
    fields().forEach(seen::put);
    assertThat(seen).containsExactlyEntriesOf(fields().values());
    assertThat(seen.keySet())
        .containsExactly(PointsField.VALUE, PointsField.PROGRAM_NAME, PointsField.SOURCE_VALUE);
  }

  @Test
  void fieldsLeftWithoutSomeAreUnmodifiableAndLeaveTheirSourceAsItWas() {
    Fields<PointsField> fields = fields();
    Fields<PointsField> kept = fields.without(field -> field == PointsField.PROGRAM_NAME);
    assertThatThrownBy(() -> kept.values().put(PointsField.PROGRAM_NAME, "Silver"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(fields.values()).hasSize(3);
    assertThat(kept.values()).containsOnlyKeys(PointsField.VALUE, PointsField.SOURCE_VALUE);
  }
}
