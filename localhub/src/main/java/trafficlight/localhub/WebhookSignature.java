package trafficlight.localhub;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub's delivery signatures: hex HMAC of the raw body with the hook's secret. */
final class WebhookSignature {
  private WebhookSignature() {}

  /** The {@code X-Hub-Signature-256} value: {@code sha256=} + hex HMAC-SHA256. */
  static String sha256(String secret, String body) {
    return "sha256=" + hmac("HmacSHA256", secret, body);
  }

  /** The legacy {@code X-Hub-Signature} value: {@code sha1=} + hex HMAC-SHA1. */
  static String sha1(String secret, String body) {
    return "sha1=" + hmac("HmacSHA1", secret, body);
  }

  private static String hmac(String algorithm, String secret, String body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }
}
