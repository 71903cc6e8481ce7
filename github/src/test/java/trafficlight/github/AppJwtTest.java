package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppJwtTest {

  @Test
  void claimsAreWhatGitHubAccepts() throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Instant now = Instant.parse("2026-11-26T08:00:00Z");

    SignedJWT jwt = SignedJWT.parse(AppJwt.sign(12345, key.getPrivate(), now));

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) key.getPublic()))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("12345");
    Instant issued = jwt.getJWTClaimsSet().getIssueTime().toInstant();
    Instant expires = jwt.getJWTClaimsSet().getExpirationTime().toInstant();
    assertThat(issued).isEqualTo(now.minusSeconds(60));
    assertThat(Duration.between(issued, expires)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(expires).isAfter(now.plus(Duration.ofMinutes(5)));
  }
}
