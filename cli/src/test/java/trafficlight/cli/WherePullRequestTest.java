package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code trafficlight where acme/myapp#N}: answered as the pull request's merge commit. */
class WherePullRequestTest extends AgainstGates {

  static final String B = OneShotBoardCommandsTest.B;

  int pull;

  @BeforeEach
  void seed() {
    hub.createRepo("acme/myapp");
    hub.createIssue(
        REPO,
        "[bot] Pulumi myapp applications.myapp.QA deployed.",
        OneShotBoardCommandsTest.body("QA", "4", B, "Fix the login page"),
        List.of("pipeline-workflow", "promotion-to-production"),
        "ci-bot");
    pull = hub.createPullRequest("acme/myapp", "Fix the login page", "c".repeat(40), B, "bob");
  }

  Run where(String query) {
    return run(new WhereCommand(), query, "--no-local-git");
  }

  @Test
  void aPullRequestIsAnsweredAsItsMergeCommit() {
    Run r = where("acme/myapp#" + pull);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("commit bbbbbbbbbbbb Fix the login page\nmyapp\n")
        .contains("QA          deployed 2026-11-20 08:00 UTC by deploy-qa #4 (issue #1)");
  }

  @Test
  void anOpenOrUnknownPullRequestIsOneLineSayingWhy() {
    int open = hub.createPullRequest("acme/myapp", "Wip", "d".repeat(40), null, "carol");

    Run r = where("acme/myapp#" + open);
    Run none = where("acme/myapp#99");

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
