package trafficlight.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;

/**
 * A test of the one-shot commands against a gate repository on a localhub of its own, whose clock
 * stands at {@link #START} until the test moves it.
 */
abstract class AgainstGates {

  static final String REPO = "acme/deploy-gates";
  static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

  @AutoClose LocalHub hub;
  String token;

  @BeforeEach
  void startHub() {
    hub = LocalHub.builder().clock(MovableClock.fixed(START)).start();
    hub.createRepo(REPO);
    token = hub.createToken("release-bot");
  }

  /**
   * Runs {@code command} in this process with {@code args}, then the options that find the gates.
   */
  Run run(OneShotBoardCommand command, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--gh-host", hub.baseUrl(), "--repository", REPO, "--token", token));
    return Run.inProcess(command, command::printTo, all);
  }
}
