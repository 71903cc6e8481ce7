package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.TestCertificates;
import trafficlight.contract.TestCertificates.Authority;

class OnDemandTrustManagerTest {

  @TempDir Path dir;

  @Test
  void theSubjectIsReadFromTheDerAlone() throws Exception {
    Authority ca = TestCertificates.authority("subject test CA");
    X509Certificate leaf = ca.issue("127.0.0.1").certificate();
    for (X509Certificate cert : List.of(ca.certificate(), leaf)) {
      assertThat(OnDemandTrustManager.subjectOf(cert.getEncoded()))
          .isEqualTo(cert.getSubjectX500Principal().getEncoded());
    }
    assertThat(OnDemandTrustManager.subjectOf(new byte[] {0x30, 0x03, 0x02, 0x01})).isNull();
    assertThat(
            OnDemandTrustManager.subjectOf(
                "not DER".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isNull();
  }

  @Test
  void aChainIsTrustedOnlyWhenACaInTheFilesIssuedIt() throws Exception {
    Authority ca = TestCertificates.authority("trusted CA");
    Authority other = TestCertificates.authority("other CA");
    Path bundle = dir.resolve("bundle.crt");
    Files.writeString(
        bundle,
        Files.readString(other.writeCertificate(dir.resolve("other.pem")))
            + "garbage between blocks\n"
            + Files.readString(ca.writeCertificate(dir.resolve("ca.pem"))));
    OnDemandTrustManager trust = new OnDemandTrustManager(List.of(bundle, dir), null);

    trust.checkServerTrusted(
        new X509Certificate[] {ca.issue("127.0.0.1").certificate()}, "ECDHE_ECDSA");

    Authority stranger = TestCertificates.authority("stranger CA");
    assertThatThrownBy(
            () ->
                trust.checkServerTrusted(
                    new X509Certificate[] {stranger.issue("127.0.0.1").certificate()},
                    "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("CN=stranger CA")
        .hasCauseInstanceOf(CertPathBuilderException.class);
  }

  @Test
  void aCaWhoseSubjectLiesBeyondTheFirstLinesIsFoundToo() throws Exception {
    Authority longName = TestCertificates.authority("long-named CA " + "x".repeat(600));
    Path bundle = longName.writeCertificate(dir.resolve("long.pem"));
    OnDemandTrustManager trust = new OnDemandTrustManager(List.of(bundle), null);

    trust.checkServerTrusted(
        new X509Certificate[] {longName.issue("127.0.0.1").certificate()}, "ECDHE_ECDSA");
  }
}
