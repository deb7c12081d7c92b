package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event as the API answers it: a null section is absent from the answer (not asked for, or, for
 * the max conversion date, nothing to show). {@code warnings} are this event's own (9018).
 *
 * <p>{@code pointsEarned} is what the event earned, by bucket; where it is shown (in {@code
 * billDetails}, in {@code targetCompletedDetails}, at event level, or not at all) is the event
 * type's. {@code pointsEarnedBreakup} has the vendor's two buckets: {@link Bucket#REGULAR} holds
 * the regular and the promotional entries in ledger order (each keeps its own bucket, so that a
 * promotional row can carry its promotion), {@link Bucket#PROMISED} the promised ones. {@code
 * billDetails} is the event's bill, or an empty one, for a bill event asked with getBillDetails.
 */
public record ExplodedEvent(
    EventHeader header,
    Map<Bucket, List<PointsEntry>> pointsEarned,
    @Nullable Map<Bucket, List<PointsEntry>> pointsEarnedBreakup,
    @Nullable Bill billDetails,
    @Nullable List<NameValue> customFields,
    @Nullable List<NameValue> extendedFields,
    @Nullable List<PaymentMode> paymentModes,
    @Nullable LocalDate maxConversionDate,
    @Nullable List<CurrencyEarned> alternateCurrencyValueEarned,
    List<ApiWarning> warnings) {}
