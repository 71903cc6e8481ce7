package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import trafficlight.contract.TestKeys;

class PemPrivateKeyTest {

  private static final KeyPair KEY = TestKeys.rsa();

  @Test
  void readsPkcs8() {
    byte[] pkcs8 = KEY.getPrivate().getEncoded();
    assertThat(PemPrivateKey.parse(TestKeys.pem("PRIVATE KEY", pkcs8)).getEncoded())
        .isEqualTo(pkcs8);
  }

  @Test
  void readsPkcs1AsGitHubIssuesIt() {
    byte[] pkcs8 = KEY.getPrivate().getEncoded();
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(PemPrivateKey.parse(TestKeys.pem("RSA PRIVATE KEY", pkcs1)).getEncoded())
        .isEqualTo(pkcs8);
  }

  @Test
  void toleratesEscapedNewlinesFromAOneLineVariable() {
    byte[] pkcs8 = KEY.getPrivate().getEncoded();
    String oneLine = TestKeys.pem("PRIVATE KEY", pkcs8).replace("\n", "\\n");
    assertThat(PemPrivateKey.parse(oneLine).getEncoded()).isEqualTo(pkcs8);
  }

  @Test
  void truncatedOrDamagedKeysFailWithoutEchoingThem() {
    String full =
        TestKeys.pem("RSA PRIVATE KEY", Arrays.copyOfRange(KEY.getPrivate().getEncoded(), 26, 600));
    String secretLine = full.lines().skip(2).findFirst().orElseThrow();
    assertThatThrownBy(() -> PemPrivateKey.parse(full))
        .hasMessageContaining("damaged or truncated")
        .message()
        .doesNotContain(secretLine);
    assertThatThrownBy(() -> PemPrivateKey.parse("ssh-rsa AAAAB3Nza... me@host"))
        .hasMessageContaining("not a PEM RSA private key")
        .message()
        .doesNotContain("AAAAB3");
  }
}
