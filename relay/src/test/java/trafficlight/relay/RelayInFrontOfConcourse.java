package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the relay's tests over real sockets start for each test: a relay over {@link Fixtures}'
 * pipeline in front of a recording Concourse, retrying a failed forward for two seconds.
 */
abstract class RelayInFrontOfConcourse {

  @TempDir Path dir;
  RecordingConcourse concourse;
  RelayServer relay;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    concourse = new RecordingConcourse();
    relay =
        Fixtures.relay(
            dir, concourse.url(), Duration.ofMillis(50), Duration.ofSeconds(2), log::add);
  }

  @AfterEach
  void stop() {
    relay.close();
    concourse.close();
  }

  /** Nothing arrives in Concourse within a while. */
  void assertNothingForwarded() throws InterruptedException {
    assertThat(concourse.awaitCalls(1, Duration.ofMillis(300))).isEmpty();
  }

  /** Concourse is asked to check exactly {@code resources}, in this order. */
  void assertChecked(String... resources) throws InterruptedException {
    assertThat(concourse.awaitCalls(resources.length, Duration.ofSeconds(5)))
        .extracting(RecordingConcourse.Call::resource)
        .containsExactly(resources);
  }
}
