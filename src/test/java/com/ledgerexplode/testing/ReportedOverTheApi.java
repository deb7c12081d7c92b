package com.ledgerexplode.testing;

import com.ledgerexplode.ledger.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * The reporting tables a run over the vendor's API fills, from those the same run over the store
 * fills (README, "The reporting database"): every row and value the same, but what the API's event
 * object does not carry. The group ({@code group_id}) is NULL; a bill event asked without its bill,
 * whose points the store knows though its object does not show them, has no points: NULL sums and
 * program, no report_points rows; and a points row has none of the fields the vendor's object
 * leaves out: {@code line_item_id}, a promised entry's {@code expires_on} and {@code expiry_type},
 * and in a breakup's row a promotion's dates.
 */
public final class ReportedOverTheApi {
  private static final Set<String> BILL_TYPES =
      Arrays.stream(EventType.values())
          .filter(t -> t.pointsPlace() == EventType.PointsPlace.BILL_DETAILS)
          .map(EventType::eventName)
          .collect(Collectors.toSet());

  private ReportedOverTheApi() {}

  /** The tables over the API from those over the store: {@code table -> rows}, rows copied. */
  public static Map<String, List<Map<String, Object>>> fromStore(
      Map<String, List<Map<String, Object>>> store) {
    Set<List<Object>> hidden = new java.util.HashSet<>();
    Set<List<Object>> withBreakup = new java.util.HashSet<>();
    Map<String, List<Map<String, Object>>> api = new LinkedHashMap<>();
    List<Map<String, Object>> events = new ArrayList<>();
    for (Map<String, Object> row : store.getOrDefault("report_event", List.of())) {
      Map<String, Object> copy = copy(row);
      clear(copy, "group_id");
      if (BILL_TYPES.contains(String.valueOf(row.get("event_name")))
          && !String.valueOf(row.get("event")).contains("\"billDetails\"")) {
        hidden.add(eventKey(row));
        for (String column :
            List.of("points_regular", "points_promo", "points_promised", "program_id")) {
          clear(copy, column);
        }
      }
      if (String.valueOf(row.get("event")).contains("\"pointsEarnedBreakup\"")) {
        withBreakup.add(eventKey(row));
      }
      events.add(copy);
    }
    store.forEach(
        (table, rows) -> {
          if (table.equals("report_event")) {
            api.put(table, events);
            return;
          }
          List<Map<String, Object>> kept = new ArrayList<>();
          for (Map<String, Object> row : rows) {
            if (!table.equals("report_points")) {
              kept.add(copy(row));
            } else if (!hidden.contains(eventKey(row))) {
              Map<String, Object> copy = copy(row);
              leaveOutWhatTheObjectDoesNotShow(copy, withBreakup.contains(eventKey(row)));
              kept.add(copy);
            }
          }
          api.put(table, kept);
        });
    return api;
  }

  private static void leaveOutWhatTheObjectDoesNotShow(Map<String, Object> row, boolean breakup) {
    clear(row, "line_item_id");
    Object bucket = row.get("bucket");
    if ("promised".equals(bucket)) {
      clear(row, "expires_on");
      clear(row, "expiry_type");
    }
    if ("promo".equals(bucket) && breakup) {
      clear(row, "promotion_start_date");
      clear(row, "promotion_end_date");
    }
  }

  /** Sets the column to NULL under the key as the database spells it. */
  private static void clear(Map<String, Object> row, String column) {
    for (String key : List.copyOf(row.keySet())) {
      if (key.equalsIgnoreCase(column)) {
        row.put(key, null);
      }
    }
  }

  private static List<Object> eventKey(Map<String, Object> row) {
    return List.of(row.get("org_id"), row.get("event_log_id"), row.get("request_line"));
  }

  private static Map<String, Object> copy(Map<String, Object> row) {
    Map<String, Object> copy = new LinkedCaseInsensitiveMap<>();
    copy.putAll(row);
    return copy;
  }
}
