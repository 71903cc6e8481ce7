package trafficlight.relay;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body
 * under the webhook secret, compared in constant time.
 */
final class WebhookSignature {

  private static final String PREFIX = "sha256=";

  private final SecretKeySpec key;

  WebhookSignature(byte[] secret) {
    if (secret.length == 0) {
      throw new RelayConfigException("the webhook secret is empty: give the one set on GitHub");
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Whether {@code header} signs {@code body}; false for a missing or malformed header. */
  boolean verifies(byte[] body, String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given = header.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = HexFormat.of().formatHex(hmac(body)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  /** The header value for {@code body}. */
  String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(body));
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
