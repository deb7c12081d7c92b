package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A warning read from an envelope (code and message) is the warning the engine gave. */
class ErrorCodesTest {

  @Test
  void aWarningReadBackFromItsCodeAndMessageNamesWhatTheEngineNamed() {
    List<ApiWarning> given =
        List.of(
            ErrorCodes.eventNotFound(18608683L),
            ErrorCodes.referenceNotFound("GenericEvent", "a1b2-c3 d4"),
            ErrorCodes.noAlternateCurrency(42L, List.of("Miles", "Stars")));

    for (ApiWarning warning : given) {
      assertThat(ErrorCodes.warningOf(warning.code(), warning.message())).isEqualTo(warning);
    }
  }

  @Test
  void aWarningOfAnotherFormNamesNothing() {
    assertThat(ErrorCodes.warningOf(9021, "Event 5 is not there"))
        .isEqualTo(new ApiWarning(9021, "Event 5 is not there", null, null));
  }
}
