package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a relay refuses to start with, each said in one line. */
class RelaySettingsTest {

  @TempDir Path dir;

  static final byte[] SECRET = "s".getBytes(StandardCharsets.UTF_8);

  RelaySettings settings(String concourse, List<Route> routes, byte[] secret) {
    return new RelaySettings(
        URI.create(concourse), routes, secret, InetAddress.getLoopbackAddress(), 0);
  }

  @Test
  void noSecretNoRouteAndNoUsableConcourseUrlAreRefused() {
    List<Route> routes = Fixtures.routes(dir);
    assertThatThrownBy(() -> settings("https://ci.example.com", routes, new byte[0]))
        .isInstanceOf(RelayConfigException.class)
        .hasMessageStartingWith("no webhook secret: set GITHUB_WEBHOOK_SECRET");
    assertThatThrownBy(() -> settings("https://ci.example.com", List.of(), SECRET))
        .hasMessageStartingWith("no resource to relay to");
    assertThatThrownBy(() -> settings("ftp://ci.example.com", routes, SECRET))
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> settings("https://admin:hunter2@ci.example.com", routes, SECRET))
        .hasMessageContaining("no user, query or fragment")
        .hasMessageNotContaining("hunter2");
  }
}
