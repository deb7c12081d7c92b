package com.ledgerexplode.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An event's type is found by its exact, case-sensitive name, and by no other text. */
class EventTypeTest {
  @Test
  void everyTypeIsFoundByItsOwnEventName() {
    for (EventType type : EventType.values()) {
      assertThat(EventType.of(type.eventName())).contains(type);
    }
  }

  @Test
  void aNameInAnotherCaseOrUnknownOrNoNameHasNoType() {
    assertThat(EventType.of("transactionadd")).isEmpty();
    assertThat(EventType.of("TransactionAdd ")).isEmpty();
    assertThat(EventType.of("NoSuchEvent")).isEmpty();
    assertThat(EventType.of(null)).isEmpty();
  }

  @Test
  void aNameWithoutATypeEarnsAtEventLevel() {
    assertThat(EventType.pointsPlaceOf("NoSuchEvent")).isEqualTo(EventType.PointsPlace.EVENT);
    assertThat(EventType.pointsPlaceOf(null)).isEqualTo(EventType.PointsPlace.EVENT);
    assertThat(EventType.pointsPlaceOf("NewBill")).isEqualTo(EventType.PointsPlace.BILL_DETAILS);
  }
}
