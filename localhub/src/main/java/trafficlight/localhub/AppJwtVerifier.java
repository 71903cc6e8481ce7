package trafficlight.localhub;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Checks a GitHub App's JWT as GitHub does: RS256 signed with the key of the App named by {@code
 * iss}, not expired, not issued in the future (60 s of skew allowed), and at most 10 minutes long.
 */
final class AppJwtVerifier {
  static final String UNDECODABLE = "A JSON web token could not be decoded";
  static final String EXPIRED =
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at"
          + " which the assertion expires";
  static final String TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";
  static final String ISSUED_IN_FUTURE =
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was"
          + " issued";
  static final String BAD_ISSUER = "'Issuer' claim ('iss') must be an Integer";
  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

  private final HubStore store;

  AppJwtVerifier(HubStore store) {
    this.store = store;
  }

  /** The App the JWT authenticates, or an {@link ApiException} with GitHub's 401. */
  App verify(String jwt) {
    if (jwt == null || jwt.isEmpty()) {
      throw reject(UNDECODABLE);
    }
    try {
      JWSObject signed = JWSObject.parse(jwt);
      if (!JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
        throw reject(UNDECODABLE);
      }
      Map<String, Object> claims = signed.getPayload().toJSONObject();
      if (claims == null) {
        throw reject(UNDECODABLE);
      }
      long appId;
      try {
        appId = Long.parseLong(String.valueOf(claims.get("iss")).replaceFirst("\\.0$", ""));
      } catch (NumberFormatException e) {
        throw reject(BAD_ISSUER);
      }
      App app = store.app(appId).orElseThrow(() -> reject(UNDECODABLE));
      if (!signed.verify(new RSASSAVerifier(app.publicKey()))) {
        throw reject(UNDECODABLE);
      }
      Instant now = store.clock().now();
      Instant exp = epochSeconds(claims.get("exp"));
      if (exp == null || !exp.isAfter(now)) {
        throw reject(EXPIRED);
      }
      Instant iat = epochSeconds(claims.get("iat"));
      if (iat == null || iat.isAfter(now.plus(SKEW))) {
        throw reject(ISSUED_IN_FUTURE);
      }
      if (Duration.between(iat, exp).compareTo(MAX_LIFETIME) > 0) {
        throw reject(TOO_LONG);
      }
      return app;
    } catch (ParseException | JOSEException e) {
      throw reject(UNDECODABLE);
    }
  }

  private static Instant epochSeconds(Object claim) {
    return claim instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
  }

  private static ApiException reject(String message) {
    return new ApiException(GitHubErrors.error(401, message, GitHubErrors.REST_DOCS));
  }
}
