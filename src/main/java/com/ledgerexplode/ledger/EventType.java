package com.ledgerexplode.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The vendor's event names (case-sensitive), and where each type's earned points sit. */
public enum EventType {
  NEW_BILL("NewBill", PointsPlace.BILL_DETAILS, List.of(), List.of("pointInTimeSlabs")),
  TRANSACTION_ADD(
      "TransactionAdd", PointsPlace.BILL_DETAILS, List.of(), List.of("pointInTimeSlabs")),
  GROUP_TRANSACTION_ADD(
      "GroupTransactionAdd", PointsPlace.BILL_DETAILS, List.of(), List.of("pointInTimeSlabs")),
  RETURN_BILL("ReturnBill", PointsPlace.BILL_DETAILS, List.of(), List.of()),
  LINE_ITEMS_POINTS_PROMOTION_IMPORT(
      "LineItemsPointsPromotionImport",
      PointsPlace.EVENT,
      List.of("eventDisplayName"),
      List.of("importMeta")),
  BILL_POINTS_PROMOTION_IMPORT(
      "BillPointsPromotionImport",
      PointsPlace.EVENT,
      List.of("eventDisplayName"),
      List.of("importMeta")),
  CUSTOMER_PROMOTION_IMPORT(
      "CustomerPromotionImport",
      PointsPlace.EVENT,
      List.of("eventDisplayName"),
      List.of("importMeta")),
  GENERIC_EVENT(
      "GenericEvent",
      PointsPlace.EVENT,
      List.of("eventDisplayName", "displayName"),
      List.of("behavioralEventMetadata")),
  CUSTOMER_REGISTRATION("CustomerRegistration", PointsPlace.EVENT, List.of(), List.of()),
  CUSTOMER_UPDATE("CustomerUpdate", PointsPlace.EVENT, List.of(), List.of()),
  ALLOCATE_GOODWILL_POINTS(
      "AllocateGoodwillPoints",
      PointsPlace.EVENT,
      List.of("reason", "comments", "assocId", "requestId"),
      List.of()),
  POINTS_TRANSFER(
      "PointsTransfer",
      PointsPlace.NONE,
      List.of(),
      List.of("transferredFrom", "transferredTo", "notes")),
  POINTS_REDEMPTION(
      "PointsRedemption", PointsPlace.NONE, List.of("redemptionDetails"), List.of("pointsBreakup")),
  TARGET_COMPLETED(
      "TargetCompleted",
      PointsPlace.TARGET_COMPLETED_DETAILS,
      List.of(),
      List.of("targetCompletedDetails")),
  MANUAL_POINTS_ADJUSTMENT(
      "ManualPointsAdjustment",
      PointsPlace.NONE,
      List.of(),
      List.of("manualPointsAdjustmentDetails")),
  VOUCHER_REDEMPTION(
      "VoucherRedemption", PointsPlace.EVENT, List.of(), List.of("voucherRedemptionDetails"));

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

  /** The blocks the vendor writes after uniqueId rather than before eventReferenceId. */
  public static final Set<String> AFTER_UNIQUE_ID =
      Set.of("importMeta", "manualPointsAdjustmentDetails", "voucherRedemptionDetails");

  private final String eventName;
  private final PointsPlace pointsPlace;

  @SuppressWarnings("ImmutableEnumChecker") // List.copyOf: unmodifiable, which its type cannot say
  private final List<String> detailKeys;

  @SuppressWarnings("ImmutableEnumChecker") // List.copyOf: unmodifiable, which its type cannot say
  private final List<String> blockKeys;

  EventType(
      String eventName, PointsPlace pointsPlace, List<String> detailKeys, List<String> blockKeys) {
    this.eventName = eventName;
    this.pointsPlace = pointsPlace;
    this.detailKeys = List.copyOf(detailKeys);
    this.blockKeys = List.copyOf(blockKeys);
  }

  /** The keys this type adds to eventDetails (PRODUCT.md's table, column {@code details}). */
  public List<String> detailKeys() {
    return detailKeys;
  }

  /** The event-level blocks of this type (PRODUCT.md's table, column {@code blocks}). */
  public List<String> blockKeys() {
    return blockKeys;
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
    return eventName == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(eventName));
  }

  /** The types by their exact event names, looked up for every event written. */
  private static final Map<String, EventType> BY_NAME = byName();

  private static Map<String, EventType> byName() {
    Map<String, EventType> byName = new HashMap<>();
    for (EventType type : values()) {
      byName.putIfAbsent(type.eventName, type); // the first of a name, as a scan finds it
    }
    return Map.copyOf(byName);
  }

  /**
   * Where the points of an event of this name sit; a name outside the vendor's list (a ledger
   * written before types were checked) earns at event level, as most types do.
   */
  public static PointsPlace pointsPlaceOf(@Nullable String eventName) {
    return of(eventName).map(EventType::pointsPlace).orElse(PointsPlace.EVENT);
  }
}
