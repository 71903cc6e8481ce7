package trafficlight.localhub;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the REST API tests: a fresh localhub per test with the repository o/r, alice's
 * token, and a clock that stands at {@link #T0} until a test moves it.
 */
abstract class LocalHubWithOneRepo {
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  LocalHub hub;
  String token;

  /** The repository's API URL, {@code …/repos/o/r}. */
  String base;

  @BeforeEach
  void startHub() {
    hub = LocalHub.builder().clock(MovableClock.fixed(T0)).start();
    hub.createRepo("o/r");
    token = hub.createToken("alice");
    base = hub.baseUrl() + "/repos/o/r";
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }
}
