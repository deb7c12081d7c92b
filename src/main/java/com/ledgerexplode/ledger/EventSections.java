package com.ledgerexplode.ledger;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The detail of an event, each list in ledger order; {@code bill} is null when it has none. */
public record EventSections(
    List<PointsEntry> points,
    @Nullable Bill bill,
    List<NameValue> customFields,
    List<NameValue> extendedFields,
    List<PaymentMode> paymentModes,
    List<AlternateCurrency> alternateCurrencies) {

  public static final EventSections NONE =
      new EventSections(List.of(), null, List.of(), List.of(), List.of(), List.of());

  public EventSections {
    points = List.copyOf(points);
    customFields = List.copyOf(customFields);
    extendedFields = List.copyOf(extendedFields);
    paymentModes = List.copyOf(paymentModes);
    alternateCurrencies = List.copyOf(alternateCurrencies);
  }
}
