package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.vendor.VendorAnswer;
import com.ledgerexplode.vendor.VendorApiClient;
import com.ledgerexplode.vendor.VendorEvent;
import com.ledgerexplode.vendor.VendorRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows answered by the vendor's API, one request per row and page ({@link VendorApiClient}),
 * with the client's bounded concurrency, in the rows' order. An answer's error is the row's reject,
 * as the store's is; its events are kept as the API returned them. A row the API did not answer
 * (after the client's retries) fails the chunk with the client's {@code VendorApiException}, which
 * names the row's line.
 */
final class VendorRows implements RowSource {
  private final VendorApiClient client;

  VendorRows(VendorApiClient client) {
    this.client = client;
  }

  @Override
  public List<RowOutcome> explode(List<RequestRow> rows, List<ApiRequest> requests) {
    List<VendorRow> asked = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      asked.add(new VendorRow(rows.get(i).line(), requests.get(i)));
    }
    List<VendorAnswer> answers = asked.isEmpty() ? List.of() : client.fetch(asked);
    List<RowOutcome> outcomes = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      RequestRow row = rows.get(i);
      VendorAnswer answer = answers.get(i);
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
