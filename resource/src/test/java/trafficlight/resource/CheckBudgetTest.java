package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.GitHubContract;
import trafficlight.localhub.RecordedRequest;

/**
 * The rate-limit cost of a trigger resource's checks in the steady state (nothing closed since the
 * last check), with and without the response cache: localhub counts requests as GitHub does (a 304
 * to a matching {@code If-None-Match} is not counted), and {@code x-ratelimit-used} on its last
 * response says how many it counted. docs/BENCHMARKS.md's "Check budget with conditional requests"
 * is derived from these numbers.
 */
class CheckBudgetTest extends AgainstLocalHub {

  static final int STEADY_CHECKS = 20;

  @TempDir Path tmpdir;

  @Override
  GitHubContract contract() {
    return super.contract().allowingUndocumentedStatus(304);
  }

  /** Counted requests per steady-state check. */
  double steadyStateCost(Map<String, String> env) {
    // a repository with history: 150 closed gate issues (two pages without since) and noise
    for (int i = 0; i < 150; i++) {
      close(open(TITLE));
    }
    open("[bot] Pulumi myapp applications.myapp.CI deployed.");
    // Concourse's sequence: the first check has no version, each later one the newest version
    Map<String, String> latest = checkWith(null, env).versions().get(0);
    checkWith(latest, env);
    int usedBefore = used();
    int sentBefore = hub.requests().size();
    for (int i = 0; i < STEADY_CHECKS; i++) {
      Run run = checkWith(latest, env);
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.versions()).containsExactly(latest);
    }
    int used = used() - usedBefore;
    int sent = hub.requests().size() - sentBefore;
    assertThat(sent).as("one request a check").isEqualTo(STEADY_CHECKS);
    System.out.printf(
        Locale.ROOT,
        "check budget (%s): %d steady-state checks, %d requests sent, %d counted by localhub%n",
        env.isEmpty() ? "no cache" : "cache",
        STEADY_CHECKS,
        STEADY_CHECKS,
        used);
    return (double) used / STEADY_CHECKS;
  }

  Run checkWith(Map<String, String> version, Map<String, String> env) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", trigger());
    request.put("version", version);
    return run("check", request, env);
  }

  int used() {
    List<RecordedRequest> all = hub.requests();
    return Integer.parseInt(all.get(all.size() - 1).responseHeader("x-ratelimit-used"));
  }

  @Test
  void withoutTheCacheEverySteadyStateCheckCostsOneRequest() {
    assertThat(steadyStateCost(Map.of())).isEqualTo(1.0);
    assertThat(hub.requests()).extracting(RecordedRequest::status).containsOnly(200);
  }

  @Test
  void withTheCacheSteadyStateChecksCostNothing() {
    assertThat(steadyStateCost(Map.of("TMPDIR", tmpdir.toString()))).isEqualTo(0.0);
    List<RecordedRequest> all = hub.requests();
    assertThat(all.subList(2, all.size())).extracting(RecordedRequest::status).containsOnly(304);
  }
}
