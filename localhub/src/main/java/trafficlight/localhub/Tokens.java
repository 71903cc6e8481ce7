package trafficlight.localhub;

import java.security.SecureRandom;

/** Random GitHub-style tokens: a prefix ({@code ghp_}, {@code ghs_}) and 36 letters and digits. */
final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Tokens() {}

  static String generate(String prefix) {
    StringBuilder token = new StringBuilder(prefix);
    for (int i = 0; i < 36; i++) {
      token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return token.toString();
  }

  /** {@code bytes} random bytes in lower-case hex, as GitHub's OAuth codes look. */
  static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return java.util.HexFormat.of().formatHex(random);
  }
}
