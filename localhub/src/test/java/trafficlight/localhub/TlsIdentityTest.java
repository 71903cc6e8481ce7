package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.TestCertificates;
import trafficlight.contract.TestCertificates.Authority;
import trafficlight.contract.TestCertificates.Server;

class TlsIdentityTest {

  @TempDir Path dir;

  final Authority ca = TestCertificates.authority("localhub test CA");

  TlsIdentity identity(Server server) {
    return new TlsIdentity(
        server.writeCertificate(dir.resolve("cert.pem")), server.writeKey(dir.resolve("key.pem")));
  }

  @Test
  void servesTheGitHubApiOverHttpsWithTheGivenCertificate() throws Exception {
    try (LocalHub hub = LocalHub.builder().tls(identity(ca.issue("127.0.0.1"))).start()) {
      hub.createRepo("o/r");
      String token = hub.createToken("alice");
      assertThat(hub.baseUrl()).startsWith("https://127.0.0.1:");

      HttpResponse<String> trusted =
          client(trusting(ca))
              .send(
                  HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/repos/o/r"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(trusted.statusCode()).isEqualTo(200);
      assertThat(trusted.body()).contains("\"full_name\":\"o/r\"");

      Authority stranger = TestCertificates.authority("another CA");
      assertThatThrownBy(
              () ->
                  client(trusting(stranger))
                      .send(
                          HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/repos/o/r")).build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void aKeyThatIsNotPkcs8IsRefusedSayingHowToConvertIt() throws Exception {
    TlsIdentity identity = identity(ca.issue("127.0.0.1"));
    Files.writeString(
        identity.keyFile(),
        "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n",
        StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> LocalHub.builder().tls(identity).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tls-key")
        .hasMessageContaining("EC PRIVATE KEY")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void aMissingOrEmptyCertificateFileIsNamed() throws Exception {
    TlsIdentity identity = identity(ca.issue("127.0.0.1"));
    Files.writeString(identity.certificateFile(), "not a certificate\n", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> LocalHub.builder().tls(identity).start())
        .hasMessageContaining("--tls-cert " + identity.certificateFile())
        .hasMessageContaining("holds no PEM certificate");

    TlsIdentity missing = new TlsIdentity(dir.resolve("nope.pem"), identity.keyFile());
    assertThatThrownBy(() -> LocalHub.builder().tls(missing).start())
        .hasMessageContaining("--tls-cert " + dir.resolve("nope.pem") + " cannot be read");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    Server one = ca.issue("127.0.0.1");
    Server other = ca.issue("127.0.0.1");
    TlsIdentity mixed =
        new TlsIdentity(
            one.writeCertificate(dir.resolve("one.pem")), other.writeKey(dir.resolve("other.key")));

    assertThatThrownBy(() -> LocalHub.builder().tls(mixed).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the key of the certificate in --tls-cert");
  }

  static HttpClient client(SSLContext context) {
    return HttpClient.newBuilder().sslContext(context).build();
  }

  static SSLContext trusting(Authority authority) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", authority.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
