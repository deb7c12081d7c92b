package com.ledgerexplode.json.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A decimal written in a string is recognised by hand ({@link SnapshotReader#isDecimal}), not by a
 * regular expression: the two must agree on every text, valid or not.
 */
class SnapshotDecimalPropertyTest {
  /** The form a snapshot's decimal in a string has (what the reader matched before). */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  @Property(tries = 20000)
  void aTextIsADecimalExactlyWhenTheRegularExpressionMatchesIt(@ForAll("texts") String text) {
    assertThat(SnapshotReader.isDecimal(text)).as(text).isEqualTo(DECIMAL.matcher(text).matches());
  }

  @Example
  void theFormsOfADecimalAndTheirNearMisses() {
    for (String valid :
        new String[] {"0", "-1", "+2.", ".5", "133.445", "1e5", "1.5E-3", "-.0e+7"}) {
      assertThat(SnapshotReader.isDecimal(valid)).as(valid).isTrue();
    }
    for (String invalid :
        new String[] {"", "+", ".", "-.", "1e", "1e+", "e5", "1.2.3", " 1", "1 ", "\u0663"}) {
      assertThat(SnapshotReader.isDecimal(invalid)).as(invalid).isFalse();
    }
  }

  /** Short texts of a decimal's characters and a few others (a space, an Arabic-Indic digit). */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("0123456789+-.eE x\u0663").ofMinLength(0).ofMaxLength(8);
  }
}
