package trafficlight.resource;

import java.security.KeyPair;
import trafficlight.contract.TestKeys;

/**
 * A GitHub App of the tests: App 77, installed as 88, with a key pair made for the test; the source
 * keys that sign in as it, and its private key as the PEM a pipeline pastes.
 */
final class GitHubApp {

  static final long ID = 77;
  static final long INSTALLATION = 88;

  private GitHubApp() {}

  /** The private key as PKCS#8 PEM, as GitHub hands it out. */
  static String pem(KeyPair key) {
    return TestKeys.pem("PRIVATE KEY", key.getPrivate().getEncoded());
  }

  /**
   * The source keys that sign in as the App with {@code pem} in place of the token, then {@code
   * more}.
   *
   * @param appId the App's id as the source gives it (a number, or a string of digits)
   */
  static Object[] sourceKeys(Object appId, String pem, Object... more) {
    Object[] app = {
      "access_token",
      null,
      "auth_method",
      "app",
      "app_id",
      appId,
      "app_installation_id",
      INSTALLATION,
      "private_ssh_key",
      pem
    };
    Object[] all = java.util.Arrays.copyOf(app, app.length + more.length);
    System.arraycopy(more, 0, all, app.length, more.length);
    return all;
  }
}
