package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.RequestValidator;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.vendor.VendorAnswer;
import com.ledgerexplode.vendor.VendorApiClient;
import com.ledgerexplode.vendor.VendorEvent;
import com.ledgerexplode.vendor.VendorRow;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rows answered by the vendor's API, one request per row and page ({@link VendorApiClient}),
 * with the client's bounded concurrency, in the rows' order. An answer's error is the row's reject,
 * as the store's is; its events are kept as the API returned them. A row the API did not answer
 * (after the client's retries) fails the chunk with the client's {@code VendorApiException}, which
 * names the row's line. A row asking for more event ids than {@code maxEventIds} is rejected here,
 * before any request is sent, as the engine rejects it over the store ({@link
 * RequestValidator#beyondBound}).
 */
final class VendorRows implements RowSource {
  private final VendorApiClient client;
  private final int maxEventIds;

  VendorRows(VendorApiClient client, int maxEventIds) {
    this.client = client;
    this.maxEventIds = maxEventIds;
  }

  @Override
  public List<RowOutcome> explode(List<RequestRow> rows, List<ApiRequest> requests) {
    List<@Nullable ApiError> beyondBound = new ArrayList<>(rows.size());
    List<VendorRow> asked = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ApiError reject = RequestValidator.beyondBound(requests.get(i), maxEventIds);
      beyondBound.add(reject);
      if (reject == null) {
        asked.add(new VendorRow(rows.get(i).line(), requests.get(i)));
      }
    }
    List<VendorAnswer> answers = asked.isEmpty() ? List.of() : client.fetch(asked);
    List<RowOutcome> outcomes = new ArrayList<>(rows.size());
    int answered = 0;
    for (int i = 0; i < rows.size(); i++) {
      RequestRow row = rows.get(i);
      ApiError reject = beyondBound.get(i);
      if (reject != null) {
        outcomes.add(new RowOutcome.Rejected(row, reject));
        continue;
      }
      VendorAnswer answer = answers.get(answered++);
      ApiError error = answer.error();
      if (error != null) {
        outcomes.add(new RowOutcome.Rejected(row, error));
      } else {
        outcomes.add(
            new RowOutcome.Answered(
                row,
                answer.customerId(),
                answer.events().stream().map(VendorEvent::json).toList(),
                answer.warnings()));
      }
    }
    return outcomes;
  }
}
