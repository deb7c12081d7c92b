package com.ledgerexplode.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client sending the same Basic credential with every request pays bcrypt once per {@link
 * Credentials#VERIFIED_FOR}; a wrong password is never taken from what was verified.
 */
class VerifiedPasswordsTest {
  private static final String PASSWORD = "ana-Pa55word";

  /** A clock the test moves. */
  private static final class Hands extends Clock {
    private Instant now = Instant.parse("2026-11-30T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Hands clock = new Hands();
  private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofMinutes(5), clock);

  @Test
  void aPasswordBcryptAcceptedHoldsForItsUserUntilTheTtlEnds() {
    assertThat(verified.holds("ana", PASSWORD)).isFalse();
    verified.remember("ana", PASSWORD);
    assertThat(verified.holds("ana", PASSWORD)).isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
    assertThat(verified.holds("ana", PASSWORD)).isTrue();
    clock.now = clock.now.plusMillis(1);
    assertThat(verified.holds("ana", PASSWORD)).isFalse();
  }

  @Test
  void anotherPasswordOrAnotherUserIsNeverHeldByIt() {
    verified.remember("ana", PASSWORD);
    assertThat(verified.holds("ana", PASSWORD + "x")).isFalse();
    assertThat(verified.holds("ana", "")).isFalse();
    assertThat(verified.holds("bob", PASSWORD)).isFalse();
  }

  @Test
  void aNewerPasswordReplacesTheOlderOne() {
    verified.remember("ana", PASSWORD);
    verified.remember("ana", "changed");
    assertThat(verified.holds("ana", PASSWORD)).isFalse();
    assertThat(verified.holds("ana", "changed")).isTrue();
  }

  @Test
  void credentialsTakeTheRightPasswordAgainAndStillRefuseAWrongOneAfterIt() {
    Credentials credentials =
        Credentials.fromEnvironment(
                Map.of(
                    Credentials.ENV_USER, "ana",
                    Credentials.ENV_PASSWORD_HASH, Credentials.hashPassword(PASSWORD),
                    Credentials.ENV_ORG, "50406"))
            .orElseThrow()
            .withClock(clock);
    assertThat(credentials.basic("ana", PASSWORD)).isPresent();
    assertThat(credentials.basic("ana", PASSWORD)).isPresent();
    assertThat(credentials.basic("ana", "wrong")).isEmpty();
    assertThat(credentials.basic("nobody", PASSWORD)).isEmpty();
    clock.now = clock.now.plus(Credentials.VERIFIED_FOR);
    assertThat(credentials.basic("ana", PASSWORD)).isPresent();
    assertThat(credentials.basic("ana", PASSWORD.substring(1))).isEmpty();
  }
}
