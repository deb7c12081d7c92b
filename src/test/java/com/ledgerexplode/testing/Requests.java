package com.ledgerexplode.testing;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: request rows as the reader makes them, from {@code name=value} cells. */
public final class Requests {
  private Requests() {}

  public static RequestRow row(long line, String... cells) {
    Map<String, String> byName = new LinkedHashMap<>();
    Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
    for (String cell : cells) {
      int eq = cell.indexOf('=');
      String name = cell.substring(0, eq);
      String value = cell.substring(eq + 1);
      byName.put(name, value);
      params.put(ApiParameter.byName(name).orElseThrow(), value);
    }
    return new RequestRow(line, byName, ApiRequest.of(params));
  }

  /**
   * Four items, one of each kind of outcome: exploded with one event and warning 9021 (line 2),
   * unreadable (3), exploded with no event and warning 9021 by reference id (4), rejected (5).
   */
  public static List<RequestItem> oneOfEach() {
    return List.of(
        row(
            2,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=18608684,999"),
        new UnreadableRecord(3, "mobile,\"x", "A quoted cell is not closed"),
        row(
            4,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventName=GenericEvent",
            "eventReferenceIds=nope"),
        row(5, "identifierName=mobile", "source=INSTORE", "eventIds=1"));
  }

  /** A chunk covering every outcome: exploded (with warnings), rejected, unreadable. */
  public static List<RequestItem> mixedChunk() {
    return List.of(
        row(
            2,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=18608683,18608684,999,18608686,18608690,18608689",
            "getBillDetails=true",
            "alternateCurrencyNames=gold"),
        new UnreadableRecord(3, "mobile,\"x", "A quoted cell is not closed"),
        row(4, "identifierName=mobile", "identifierValue=000", "source=INSTORE", "eventIds=1"),
        row(
            5,
            "identifierName=id",
            "identifierValue=1001",
            "source=ALL",
            "eventName=GenericEvent",
            "eventReferenceIds=gen-1,nope"),
        row(
            6,
            "identifierName=mobile",
            "identifierValue=919000000002",
            "source=INSTORE",
            "type=USERGROUP2",
            "eventIds=18608683,18608685",
            "getPointsEarnedBreakup=true"),
        row(7, "identifierName=phone", "identifierValue=1", "source=INSTORE", "eventIds=1"));
  }
}
