package com.ledgerexplode.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The credentials a server accepts, holding only hashes: users (HTTP Basic) with a bcrypt hash of
 * their password, and tokens (Bearer) with the SHA-256 of the token. A token is 32 random bytes
 * ({@link #newToken}), so a fast hash is enough: there is nothing to guess from it, unlike a
 * password, which is why passwords get bcrypt's slow, salted hash.
 *
 * <p>The file is a properties file, one credential per name:
 *
 * <pre>
 * user.ana.passwordHash=$2a$10$...      (serve hash-password)
 * user.ana.org=50406
 * user.ana.connectedOrgs=4000218,4000219 (optional: what DATA-SCOPE OTHER may read)
 * token.nightly.sha256=3f0c...           (serve new-token)
 * token.nightly.org=50406
 * </pre>
 *
 * <p>Thread-safe; immutable but for the passwords bcrypt lately accepted ({@link
 * VerifiedPasswords}: a user's right password is checked by bcrypt once in {@link #VERIFIED_FOR}, a
 * wrong one every time). A refused check takes the same time whether the user or token is known or
 * not, and hashes are compared in constant time.
 */
public final class Credentials {
  /** The environment's one credential, when no file is given. */
  public static final String ENV_USER = "SERVE_USER";

  public static final String ENV_PASSWORD_HASH = "SERVE_PASSWORD_HASH";
  public static final String ENV_ORG = "SERVE_ORG";
  public static final String ENV_CONNECTED_ORGS = "SERVE_CONNECTED_ORGS";

  private static final Pattern KEY =
      Pattern.compile("(user|token)\\.([A-Za-z0-9_-]+)\\.(passwordHash|sha256|org|connectedOrgs)");
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final BCryptPasswordEncoder BCRYPT_ENCODER = new BCryptPasswordEncoder();

  /** How long a password bcrypt accepted is taken again without bcrypt ({@link #basic}). */
  static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

  private record User(Credential credential, String passwordHash) {}

  private static final class Token {
    private final Credential credential;
    private final byte[] sha256;

    Token(Credential credential, byte[] sha256) {
      this.credential = credential;
      this.sha256 = sha256.clone();
    }
  }

  private final Map<String, User> users;
  private final List<Token> tokens;
  private final @Nullable String unknownUserHash;
  private final VerifiedPasswords verified;

  private Credentials(Map<String, User> users, List<Token> tokens) {
    this(users, tokens, Clock.systemUTC());
  }

  private Credentials(Map<String, User> users, List<Token> tokens, Clock clock) {
    this.users = Map.copyOf(users);
    this.tokens = List.copyOf(tokens);
    // an unknown user costs a bcrypt check too, so that timing does not tell which users exist
    this.unknownUserHash = users.isEmpty() ? null : users.values().iterator().next().passwordHash();
    this.verified = new VerifiedPasswords(VERIFIED_FOR, clock);
  }

  /** These credentials, their verified passwords timed by {@code clock} (for tests). */
  Credentials withClock(Clock clock) {
    return new Credentials(users, tokens, clock);
  }

  /**
   * Reads a credentials file.
   *
   * @throws InvalidCredentialsException naming the file and the key that is wrong
   * @throws IOException when the file cannot be read
   */
  public static Credentials load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IllegalArgumentException e) {
      throw new InvalidCredentialsException("credentials file " + file + ": " + e.getMessage());
    }
    Map<String, String> entries = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
    return parse("credentials file " + file, entries);
  }

  /**
   * The environment's one credential ({@code SERVE_USER}, {@code SERVE_PASSWORD_HASH}, {@code
   * SERVE_ORG}, optionally {@code SERVE_CONNECTED_ORGS}), or none when {@code SERVE_USER} is unset.
   */
  public static Optional<Credentials> fromEnvironment(Map<String, String> env) {
    String user = env.get(ENV_USER);
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    Map<String, String> entries = new TreeMap<>();
    String prefix = "user." + user.strip() + ".";
    putIfSet(entries, prefix + "passwordHash", env.get(ENV_PASSWORD_HASH));
    putIfSet(entries, prefix + "org", env.get(ENV_ORG));
    putIfSet(entries, prefix + "connectedOrgs", env.get(ENV_CONNECTED_ORGS));
    return Optional.of(parse("the environment's credential (" + ENV_USER + ")", entries));
  }

  private static void putIfSet(Map<String, String> entries, String key, @Nullable String value) {
    if (value != null) {
      entries.put(key, value);
    }
  }

  private static Credentials parse(String where, Map<String, String> entries) {
    Map<String, Map<String, String>> byName = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      Matcher key = KEY.matcher(entry.getKey());
      if (!key.matches()) {
        throw invalid(
            where,
            "unknown key '"
                + entry.getKey()
                + "' (expected user.NAME.passwordHash, token.NAME.sha256, *.NAME.org,"
                + " *.NAME.connectedOrgs)");
      }
      String kind = key.group(1);
      String name = key.group(2);
      String previous = kinds.putIfAbsent(name, kind);
      if (previous != null && !previous.equals(kind)) {
        throw invalid(where, "'" + name + "' is both a user and a token");
      }
      byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key.group(3), entry.getValue());
    }
    if (byName.isEmpty()) {
      throw invalid(where, "no credential");
    }
    Map<String, User> users = new LinkedHashMap<>();
    List<Token> tokens = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> named : byName.entrySet()) {
      String name = named.getKey();
      String kind = kinds.get(name);
      Map<String, String> fields = named.getValue();
      String prefix = kind + "." + name + ".";
      Credential credential =
          new Credential(
              name,
              orgId(where, prefix + "org", required(where, fields, prefix, "org")),
              connectedOrgs(where, prefix + "connectedOrgs", fields.get("connectedOrgs")));
      if ("user".equals(kind)) {
        if (fields.containsKey("sha256")) {
          throw invalid(where, prefix + "sha256: a user has a passwordHash, a token a sha256");
        }
        String hash = required(where, fields, prefix, "passwordHash").strip();
        if (!BCRYPT.matcher(hash).matches()) {
          throw invalid(
              where,
              prefix + "passwordHash: not a bcrypt hash (make one with serve hash-password)");
        }
        users.put(name, new User(credential, hash));
      } else {
        if (fields.containsKey("passwordHash")) {
          throw invalid(
              where, prefix + "passwordHash: a token has a sha256, a user a passwordHash");
        }
        String hex = required(where, fields, prefix, "sha256").strip().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hex).matches()) {
          throw invalid(
              where, prefix + "sha256: not 64 hexadecimal digits (make one with serve new-token)");
        }
        tokens.add(new Token(credential, HexFormat.of().parseHex(hex)));
      }
    }
    return new Credentials(users, tokens);
  }

  private static String required(
      String where, Map<String, String> fields, String prefix, String field) {
    String value = fields.get(field);
    if (value == null || value.isBlank()) {
      throw invalid(where, prefix + field + " is missing");
    }
    return value;
  }

  private static long orgId(String where, String key, String value) {
    try {
      long org = Long.parseLong(value.strip());
      if (org > 0) {
        return org;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw invalid(where, key + ": not an org id: '" + value + "'");
  }

  private static Set<Long> connectedOrgs(String where, String key, @Nullable String value) {
    Set<Long> orgs = new LinkedHashSet<>();
    if (value != null && !value.isBlank()) {
      for (String org : value.split(",", -1)) {
        orgs.add(orgId(where, key, org));
      }
    }
    return orgs;
  }

  private static InvalidCredentialsException invalid(String where, String why) {
    return new InvalidCredentialsException(where + ": " + why);
  }

  /** The credential of this user and password, if they match (HTTP Basic). */
  public Optional<Credential> basic(String user, String password) {
    User known = users.get(user);
    if (known != null && verified.holds(user, password)) {
      return Optional.of(known.credential());
    }
    String hash = known != null ? known.passwordHash() : unknownUserHash;
    if (hash == null) {
      return Optional.empty();
    }
    boolean matches;
    try {
      matches = BCRYPT_ENCODER.matches(password, hash);
    } catch (IllegalArgumentException tooLong) {
      matches = false; // bcrypt reads at most 72 bytes: a longer password is no password of ours
    }
    if (known == null || !matches) {
      return Optional.empty();
    }
    verified.remember(user, password);
    return Optional.of(known.credential());
  }

  /** The credential of this token, if it is one (Bearer); every token is compared, in full. */
  public Optional<Credential> bearer(String token) {
    byte[] hash = sha256(token);
    Credential found = null;
    for (Token known : tokens) {
      if (MessageDigest.isEqual(known.sha256, hash)) {
        found = known.credential;
      }
    }
    return Optional.ofNullable(found);
  }

  /** A bcrypt hash of a password, for {@code user.NAME.passwordHash}. */
  public static String hashPassword(CharSequence password) {
    return BCRYPT_ENCODER.encode(password);
  }

  /** Whether a password matches a bcrypt hash (for operators checking an entry). */
  public static boolean passwordMatches(CharSequence password, String hash) {
    return BCRYPT_ENCODER.matches(password, hash);
  }

  /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The hex SHA-256 of a token, for {@code token.NAME.sha256}. */
  public static String tokenHash(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
