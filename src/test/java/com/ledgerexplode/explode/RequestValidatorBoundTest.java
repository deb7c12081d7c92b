package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestValidator#beyondBound}: the reject of a row that only the caller's bound on event
 * ids rejects, what the job applies before asking the vendor's API.
 */
class RequestValidatorBoundTest {
  private static final ApiError ELEVEN_OVER_TEN =
      new ApiError(11012, "At most 10 eventIds are allowed per request, 11 given");

  /** A request of a mobile asking for eleven event ids, with these cells too. */
  private static ApiRequest elevenIds(String... cells) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "identifierName=mobile",
                "identifierValue=917406401004",
                "eventIds=1,2,3,4,5,6,7,8,9,10,11"));
    all.addAll(List.of(cells));
    return Requests.row(2, all.toArray(String[]::new)).request();
  }

  @Test
  void aRowBeyondTheBoundHasTheRejectTheValidatorGivesWithIt() {
    assertThat(RequestValidator.beyondBound(elevenIds("source=INSTORE"), 10))
        .isEqualTo(ELEVEN_OVER_TEN);
    assertThat(RequestValidator.beyondBound(elevenIds("source=INSTORE"), 11)).isNull();
  }

  @Test
  void aRowFailingACheckBeforeTheBoundIsLeftToTheLedger() {
    assertThat(RequestValidator.beyondBound(elevenIds(), 10)).isNull();
  }

  @Test
  void aRowBeyondTheBoundIsRejectedForItEvenWhenALaterCheckWouldFail() {
    assertThat(RequestValidator.beyondBound(elevenIds("source=INSTORE", "type=GROUP"), 10))
        .isEqualTo(ELEVEN_OVER_TEN);
  }
}
