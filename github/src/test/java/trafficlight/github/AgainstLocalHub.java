package trafficlight.github;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.localhub.LocalHub;

/** A test against a localhub of its own, closed after it, with what the test's clients log. */
abstract class AgainstLocalHub {

  @TempDir Path dir;
  @AutoClose LocalHub hub;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void startHub() {
    hub = LocalHub.start();
  }
}
