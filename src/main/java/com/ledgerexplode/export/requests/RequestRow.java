package com.ledgerexplode.export.requests;

import com.ledgerexplode.explode.ApiRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of the requests CSV. {@code cells} are its non-empty cells, stripped, by column name in the
 * header's order (what the export echoes as {@code "request"}); {@code request} is those cells as
 * an API request, before the job's defaults.
 */
public record RequestRow(long line, Map<String, String> cells, ApiRequest request)
    implements RequestItem {

  public RequestRow {
    cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
  }
}
