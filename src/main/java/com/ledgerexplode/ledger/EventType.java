package com.ledgerexplode.ledger;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The vendor's event names (case-sensitive), and where each type's earned points sit. */
public enum EventType {
  NEW_BILL("NewBill", PointsPlace.BILL_DETAILS),
  TRANSACTION_ADD("TransactionAdd", PointsPlace.BILL_DETAILS),
  GROUP_TRANSACTION_ADD("GroupTransactionAdd", PointsPlace.BILL_DETAILS),
  RETURN_BILL("ReturnBill", PointsPlace.BILL_DETAILS),
  LINE_ITEMS_POINTS_PROMOTION_IMPORT("LineItemsPointsPromotionImport", PointsPlace.EVENT),
  BILL_POINTS_PROMOTION_IMPORT("BillPointsPromotionImport", PointsPlace.EVENT),
  CUSTOMER_PROMOTION_IMPORT("CustomerPromotionImport", PointsPlace.EVENT),
  GENERIC_EVENT("GenericEvent", PointsPlace.EVENT),
  CUSTOMER_REGISTRATION("CustomerRegistration", PointsPlace.EVENT),
  CUSTOMER_UPDATE("CustomerUpdate", PointsPlace.EVENT),
  ALLOCATE_GOODWILL_POINTS("AllocateGoodwillPoints", PointsPlace.EVENT),
  POINTS_TRANSFER("PointsTransfer", PointsPlace.NONE),
  POINTS_REDEMPTION("PointsRedemption", PointsPlace.NONE),
  TARGET_COMPLETED("TargetCompleted", PointsPlace.TARGET_COMPLETED_DETAILS),
  MANUAL_POINTS_ADJUSTMENT("ManualPointsAdjustment", PointsPlace.NONE),
  VOUCHER_REDEMPTION("VoucherRedemption", PointsPlace.EVENT);

  /** Where an event object carries pointsEarned and the sections that go with it. */
  public enum PointsPlace {
    /** Inside {@code billDetails}: shown only when the bill is asked for. */
    BILL_DETAILS,
    /** Inside {@code targetCompletedDetails}, buckets promo and promised only. */
    TARGET_COMPLETED_DETAILS,
    /** At the event's top level. */
    EVENT,
    /** Nowhere: the type spends or moves points, it earns none. */
    NONE
  }

  private final String eventName;
  private final PointsPlace pointsPlace;

  EventType(String eventName, PointsPlace pointsPlace) {
    this.eventName = eventName;
    this.pointsPlace = pointsPlace;
  }

  public String eventName() {
    return eventName;
  }

  public PointsPlace pointsPlace() {
    return pointsPlace;
  }

  /** Whether the event adds a bill (a return does not): what maxConversionDate is asked of. */
  public boolean addsBill() {
    return this == NEW_BILL || this == TRANSACTION_ADD || this == GROUP_TRANSACTION_ADD;
  }

  /** The type of this exact event name, if the vendor has it. */
  public static Optional<EventType> of(@Nullable String eventName) {
    for (EventType type : values()) {
      if (type.eventName.equals(eventName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Where the points of an event of this name sit; a name outside the vendor's list (a ledger
   * written before types were checked) earns at event level, as most types do.
   */
  public static PointsPlace pointsPlaceOf(@Nullable String eventName) {
    return of(eventName).map(EventType::pointsPlace).orElse(PointsPlace.EVENT);
  }
}
