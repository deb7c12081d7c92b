package com.ledgerexplode.store;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a secret looks like in a JDBC URL, a setting or a message, known in one place: a parameter
 * whose key names a secret ({@code password=}, {@code sslpassword=}, {@code PWD=}, {@code token=},
 * ...) after {@code ?}, {@code &}, {@code ;} or any other separator, in any case, and the password
 * of a {@code //user:password@host} authority. Everything that refuses a secret or shows a URL, a
 * setting or a failure asks here, so that a form recognised once is recognised everywhere.
 */
public final class Secrets {
  /** What a secret's value is shown as. */
  public static final String MASK = "***";

  private static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "pwd", "secret", "token", "credential", "apikey", "api_key");

  // a key starts where no key character precedes it, and only a key that names a secret matches, so
  // that no other parameter's value (a URL given as a setting's value, say) hides one inside it; a
  // value ends at the next parameter or space, a colon before them left to the sentence ("Cannot
  // connect to URL: why"), so that masking keeps the message's words and masking again changes
  // nothing
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "(?i)(?<![\\w.-])([\\w.-]*(?:"
              + String.join("|", SECRET_WORDS)
              + ")[\\w.-]*)=([^&;\\s]*?)(?=:?(?:[&;\\s]|$))");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)([^/@\\s]*)(@)");

  private Secrets() {}

  /** Whether a key (a setting's, or a URL parameter's) names a secret, e.g. {@code sslpassword}. */
  public static boolean isSecretKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  /** Whether the text (a URL, a setting's value) carries a secret, even an empty one. */
  public static boolean holdsSecret(String text) {
    return SECRET_PARAMETER.matcher(text).find() || USER_INFO.matcher(text).find();
  }

  /** The text with the value of every secret it carries replaced by {@link #MASK}. */
  public static String mask(String text) {
    String parametersMasked =
        SECRET_PARAMETER
            .matcher(text)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
    return USER_INFO
        .matcher(parametersMasked)
        .replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
  }

  /** A setting as it may be shown: a secret key's value masked whole, any other value's secrets. */
  public static String maskSetting(String key, String value) {
    if (isSecretKey(key)) {
      return value.isEmpty() ? value : MASK;
    }
    return mask(value);
  }
}
