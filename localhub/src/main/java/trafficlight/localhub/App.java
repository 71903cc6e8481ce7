package trafficlight.localhub;

import java.security.interfaces.RSAPublicKey;

/** A registered GitHub App: its id, slug (its bot user is {@code slug[bot]}) and public key. */
record App(long appId, String slug, RSAPublicKey publicKey) {
  String botLogin() {
    return slug + "[bot]";
  }
}
