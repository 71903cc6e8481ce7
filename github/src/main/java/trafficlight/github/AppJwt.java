package trafficlight.github;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The JWT a GitHub App signs to ask for an installation token: RS256, issued 60 s in the past
 * (clock drift), expiring 9 minutes after that (GitHub refuses more than 10), issuer the App ID.
 */
final class AppJwt {

  static final Duration BACKDATE = Duration.ofSeconds(60);
  static final Duration LIFETIME = Duration.ofMinutes(9);

  private AppJwt() {}

  static String sign(long appId, PrivateKey key, Instant now) {
    Instant issuedAt = now.minus(BACKDATE);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(Long.toString(appId))
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign the GitHub App JWT with private_ssh_key", e);
    }
    return jwt.serialize();
  }
}
