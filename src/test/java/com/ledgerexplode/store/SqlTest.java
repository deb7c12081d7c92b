package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlTest {
  @Test
  void aFailureOfStateUniqueViolationIsOne() {
    assertThat(Sql.isUniqueViolation(new SQLException("duplicate key", "23505"))).isTrue();
  }

  @Test
  void aBatchFailureChainingAUniqueViolationIsOne() {
    BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0]);
    batch.setNextException(new SQLException("duplicate key", "23505"));
    assertThat(Sql.isUniqueViolation(batch)).isTrue();
  }

  @Test
  void anyOtherFailureIsNotOne() {
    SQLException lost = new SQLException("connection lost", "08006");
    lost.setNextException(new SQLException("not null", "23502"));
    assertThat(Sql.isUniqueViolation(lost)).isFalse();
  }
}
