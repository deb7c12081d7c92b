package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.AlternateCurrency;
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
 * the bill and the max conversion date, nothing to show). {@code warnings} are this event's own
 * (9018).
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
    @Nullable List<AlternateCurrency> alternateCurrencyValueEarned,
    List<ApiWarning> warnings) {}
