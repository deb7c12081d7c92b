package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.Requests;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestValidator#beyondBound}: the reject of a row that only the caller's bound on event
 * ids rejects, what the job applies before asking the vendor's API.
 */
class RequestValidatorBoundTest {
  private static ApiRequest request(String... cells) {
    return Requests.row(2, cells).request();
  }

  @Test
  void aRowBeyondTheBoundHasTheRejectTheValidatorGivesWithIt() throws Exception {
    ApiRequest eleven =
        request(
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=1,2,3,4,5,6,7,8,9,10,11");

    assertThat(RequestValidator.beyondBound(eleven, 10))
        .isEqualTo(new ApiError(11012, "At most 10 eventIds are allowed per request, 11 given"));
    assertThat(RequestValidator.beyondBound(eleven, 11)).isNull();
  }

  @Test
  void aRowFailingACheckBeforeTheBoundIsLeftToTheLedger() {
    ApiRequest noSource =
        request(
            "identifierName=mobile",
            "identifierValue=917406401004",
            "eventIds=1,2,3,4,5,6,7,8,9,10,11");

    assertThat(RequestValidator.beyondBound(noSource, 10)).isNull();
  }

  @Test
  void aRowBeyondTheBoundIsRejectedForItEvenWhenALaterCheckWouldFail() {
    ApiRequest badTypeToo =
        request(
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=1,2,3,4,5,6,7,8,9,10,11",
            "type=GROUP");

    assertThat(RequestValidator.beyondBound(badTypeToo, 10))
        .isEqualTo(new ApiError(11012, "At most 10 eventIds are allowed per request, 11 given"));
  }
}
