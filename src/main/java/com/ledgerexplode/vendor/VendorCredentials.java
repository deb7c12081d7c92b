package com.ledgerexplode.vendor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credential the client sends, taken from the environment only: {@code LEDGER_API_TOKEN} for
 * Bearer, else {@code LEDGER_API_USER} and {@code LEDGER_API_PASSWORD} for Basic, else none. Its
 * {@link #toString} names the kind, never the credential.
 */
public final class VendorCredentials {
  public static final String USER = "LEDGER_API_USER";
  public static final String PASSWORD = "LEDGER_API_PASSWORD";
  public static final String TOKEN = "LEDGER_API_TOKEN";

  private final String kind;
  private final @Nullable String authorization;

  private VendorCredentials(String kind, @Nullable String authorization) {
    this.kind = kind;
    this.authorization = authorization;
  }

  /**
   * The credential {@code environment} gives.
   *
   * @throws IllegalArgumentException when a user is given without a password, or the reverse
   */
  public static VendorCredentials fromEnvironment(Map<String, String> environment) {
    String token = given(environment, TOKEN);
    if (token != null) {
      return new VendorCredentials("Bearer", "Bearer " + token);
    }
    String user = given(environment, USER);
    String password = given(environment, PASSWORD);
    if (user == null && password == null) {
      return new VendorCredentials("none", null);
    }
    if (user == null || password == null) {
      throw new IllegalArgumentException(
          "the API's Basic credential needs both " + USER + " and " + PASSWORD);
    }
    String pair = user + ":" + password;
    return new VendorCredentials(
        "Basic",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static @Nullable String given(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The {@code Authorization} header's value, if there is a credential. */
  Optional<String> authorization() {
    return Optional.ofNullable(authorization);
  }

  @Override
  public String toString() {
    return "VendorCredentials[" + kind + "]";
  }
}
