package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CopyTextTest {
  private record Case(String type, @Nullable Object value) {}

  private static final List<Case> CASES =
      List.of(
          new Case("timestamptz", OffsetDateTime.of(0, 6, 1, 10, 0, 0, 123_000, ZoneOffset.UTC)),
          new Case("timestamptz", OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(5))),
          new Case("timestamptz", OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC)),
          new Case("timestamptz", OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
          new Case("timestamptz", OffsetDateTime.parse("2024-08-20T01:02:03.456789-07:30")),
          new Case("timestamptz", OffsetDateTime.parse("2024-08-20T11:29:02.5Z")),
          new Case("timestamptz", OffsetDateTime.parse("2024-08-20T11:29:02.000000001+05:30:15")),
          new Case("date", LocalDate.of(-4, 2, 29)),
          new Case("date", LocalDate.of(2024, 2, 29)),
          new Case("date", LocalDate.of(12345, 6, 7)),
          new Case("numeric", new BigDecimal("120.000")),
          new Case("numeric", new BigDecimal("1E+3")),
          new Case("numeric", new BigDecimal("-0.0000000001")),
          new Case("int8", Long.MIN_VALUE),
          new Case("int4", Integer.MAX_VALUE),
          new Case("varchar", "a \"quoted\", {braced} \\ back\tslashed\nline \uD83D\uDE00 NULL"),
          new Case("varchar", "NULL"),
          new Case("varchar", "\\\r\n\t\\"),
          new Case("varchar", ""),
          new Case("jsonb", "{\"points\": 1.50, \"name\": \"\\\"x\\\" \\\\ \uD83D\uDE00\"}"),
          new Case("int8", null));

  @Test
  void anArrayElementOfItsTextReadsAsTheValueBoundTyped() throws SQLException {
    DataSource db = TestDatabases.POSTGRESQL.createEmpty();
    List<String> asArrays = new ArrayList<>();
    List<String> asBound = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement zone = c.createStatement()) {
      zone.execute("SET TIME ZONE 'UTC'");
      for (Case each : CASES) {
        Object value = each.value();
        @Nullable String[] element = {value == null ? null : CopyText.text(value)};
        try (PreparedStatement ps =
            c.prepareStatement("SELECT CAST((SELECT * FROM unnest(?)) AS text)")) {
          ps.setArray(1, c.createArrayOf(each.type(), element));
          asArrays.add(each.type() + " " + single(ps));
        }
        try (PreparedStatement ps =
            c.prepareStatement("SELECT CAST(CAST(? AS " + each.type() + ") AS text)")) {
          TypedBinds.bind(ps, 1, value, Types.BIGINT);
          asBound.add(each.type() + " " + single(ps));
        }
      }
    }

    assertThat(asArrays).isEqualTo(asBound);
    assertThat(asArrays)
        .contains("timestamptz 0001-06-01 10:00:00.000123+00 BC", "date 0005-02-29 BC")
        .contains("numeric 120.000", "numeric 1000", "int8 null");
  }

  @Test
  void aTimeOfTheYearsOneTo9999IsWrittenAsIsoWritesIt() {
    List<OffsetDateTime> times =
        List.of(
            OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(-18)),
            OffsetDateTime.of(2024, 8, 20, 11, 29, 2, 0, ZoneOffset.UTC),
            OffsetDateTime.of(
                2024, 8, 20, 11, 29, 2, 120_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
            OffsetDateTime.of(
                987, 2, 3, 4, 5, 6, 7_000, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3)));

    for (OffsetDateTime time : times) {
      assertThat(CopyText.text(time))
          .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
    }
  }

  @Test
  void aRowIsItsValuesEscapedBetweenTabs() {
    StringBuilder b = new StringBuilder();

    CopyText.row(b, new @Nullable Object[] {"a\\b\tc\nd\re", null, 7L, -3, true, "plain"});

    assertThat(b).hasToString("a\\\\b\\tc\\nd\\re\t\\N\t7\t-3\tt\tplain\n");
  }

  private static String single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return String.valueOf(rs.getString(1));
    }
  }
}
