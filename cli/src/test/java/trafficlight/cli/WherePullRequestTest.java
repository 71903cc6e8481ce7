package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;

/** {@code trafficlight where acme/myapp#N}: answered as the pull request's merge commit. */
class WherePullRequestTest {

  static final String REPO = OneShotBoardCommandsTest.REPO;
  static final String B = OneShotBoardCommandsTest.B;

  LocalHub hub;
  String token;
  int pull;

  @BeforeEach
  void seed() {
    hub =
        LocalHub.builder().clock(MovableClock.fixed(Instant.parse("2026-11-20T08:00:00Z"))).start();
    hub.createRepo(REPO);
    hub.createRepo("acme/myapp");
    token = hub.createToken("release-bot");
    hub.createIssue(
        REPO,
        "[bot] Pulumi myapp applications.myapp.QA deployed.",
        OneShotBoardCommandsTest.body("QA", "4", B, "Fix the login page"),
        List.of("pipeline-workflow", "promotion-to-production"),
        "ci-bot");
    pull = hub.createPullRequest("acme/myapp", "Fix the login page", "c".repeat(40), B, "bob");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  OneShotBoardCommandsTest.Run where(String query) {
    WhereCommand command = new WhereCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(List.of(query, "--no-local-git"));
    all.addAll(List.of("--gh-host", hub.baseUrl(), "--repository", REPO, "--token", token));
    int code = new CommandLine(command).execute(all.toArray(String[]::new));
    return new OneShotBoardCommandsTest.Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aPullRequestIsAnsweredAsItsMergeCommit() {
    OneShotBoardCommandsTest.Run r = where("acme/myapp#" + pull);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("commit bbbbbbbbbbbb Fix the login page\nmyapp\n")
        .contains("QA          deployed 2026-11-20 08:00 UTC by deploy-qa #4 (issue #1)");
  }

  @Test
  void anOpenOrUnknownPullRequestIsOneLineSayingWhy() {
    int open = hub.createPullRequest("acme/myapp", "Wip", "d".repeat(40), null, "carol");

    OneShotBoardCommandsTest.Run r = where("acme/myapp#" + open);
    OneShotBoardCommandsTest.Run none = where("acme/myapp#99");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "pull request acme/myapp#"
                + open
                + " is open: deploys carry its change once it is merged (then ask again)\n");
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.err()).startsWith("no pull request acme/myapp#99");
    assertThat(r.out() + r.err() + none.out() + none.err()).doesNotContain(token);
  }
}
