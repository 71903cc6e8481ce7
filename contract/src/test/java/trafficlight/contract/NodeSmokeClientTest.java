package trafficlight.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The error path; the happy path needs localhub and belongs with whoever wires it. */
class NodeSmokeClientTest {

  @Test
  void unreachableBaseUrlFailsWithTheScriptsStderr() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String baseUrl = "http://127.0.0.1:" + closedPort;
    assertThatThrownBy(() -> new NodeSmokeClient().run(baseUrl, "ghp_test", "octo-org/deploys"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("smoke.mjs against " + baseUrl + " exited with 1")
        .hasMessageContaining("smoke.mjs failed")
        .hasMessageContaining("POST " + baseUrl + "/repos/octo-org/deploys/issues")
        .hasMessageContaining("ECONNREFUSED");
  }

  @Test
  void badRepoArgumentFailsClearly() {
    assertThatThrownBy(() -> new NodeSmokeClient().run("http://127.0.0.1:1", "t", "no-slash"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("REPO must be owner/name");
  }
}
