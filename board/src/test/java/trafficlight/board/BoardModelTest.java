package trafficlight.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import trafficlight.github.GitHubClient;
import trafficlight.github.RepositoryName;
import trafficlight.localhub.RecordedRequest;

/** The board read from localhub: lights, order, builds, where and promote. */
class BoardModelTest {

  final Chain chain = new Chain();
  final MemoryResponseCache cache = new MemoryResponseCache(1000);
  final GitHubClient github = GitHubFixture.client(chain.hub.baseUrl(), chain.token, cache);
  final RepositoryName repo = RepositoryName.parse(Chain.REPO);

  @AfterEach
  void stop() {
    github.close();
    chain.hub.close();
  }

  GateReader reader() {
    return new GateReader(
        github, repo, TitleFormat.defaultFormat(), 20, Duration.ofMinutes(10), chain.hub.clock());
  }

  @Test
  void lightsOrderAndBuildsOfASeededChain() {
    Chain.Seeded s = chain.seed();
    Board board = reader().read();

    assertThat(board.projects()).extracting(Project::name).containsExactly("billing", "myapp");
    assertThat(board.columns()).containsExactly("CI", "QA", "production");
    Project myapp = board.project("myapp").orElseThrow();
    assertThat(myapp.stages())
        .extracting(Stage::shortName)
        .containsExactly("CI", "QA", "production");

    Stage ci = myapp.stage("ci").orElseThrow();
    assertThat(ci.light()).isEqualTo(Light.GREEN);
    assertThat(ci.status()).isEqualTo("consumed");
    assertThat(ci.latest().number()).isEqualTo(s.ci2());
    assertThat(ci.latest().closedBy()).isEqualTo("bob");
    assertThat(ci.latest().consumedBy()).isEqualTo("4");
    assertThat(ci.next()).isEqualTo("applications.myapp.QA");
    assertThat(ci.builds()).extracting(Build::buildName).containsExactly("8", "7");

    Stage qa = myapp.stage("applications.myapp.QA").orElseThrow();
    assertThat(qa.light()).isEqualTo(Light.AMBER);
    assertThat(qa.buildsWaiting()).isEqualTo(2); // the body and one comment; carol's carries none
    assertThat(qa.waiting()).isEqualTo(Duration.ofMinutes(1 + 1 + 5 + 20 + 60 + 30));
    assertThat(qa.lastDeployAt())
        .isEqualTo(Chain.T0.plus(Duration.ofMinutes(10 + 5 + 30 + 1 + 1 + 5)));
    Build latest = qa.latestBuild();
    assertThat(latest.commit()).isEqualTo(Chain.sha('b'));
    assertThat(latest.subject()).isEqualTo("Fix the login page");
    assertThat(latest.job()).isEqualTo("deploy-qa");
    assertThat(latest.buildUrl())
        .isEqualTo("https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/4");

    Stage production = myapp.stage("Production").orElseThrow();
    assertThat(production.light()).isEqualTo(Light.GREY);
    assertThat(production.latest()).isNull();

    // mitodl's bodies: build log links, no commits
    Stage billingCi = board.project("billing").orElseThrow().stage("CI").orElseThrow();
    assertThat(billingCi.light()).isEqualTo(Light.AMBER);
    assertThat(billingCi.latestBuild().buildName()).isEqualTo("41");
    assertThat(billingCi.latestBuild().commit()).isNull();
  }

  @Test
  void finalizedStagesComeLastAndAreGreenNotPlannedIsRedDuplicatesDoNotCount() {
    int prod = chain.deploy("shop", "Production", null, "9", Chain.sha('c'), "Ship it");
    chain.advance(Duration.ofMinutes(1));
    int qa = chain.deploy("shop", "QA", "production", "5", Chain.sha('c'), "Ship it");
    chain.hub.closeIssue(Chain.REPO, qa, "erin", "not_planned");
    chain.advance(Duration.ofMinutes(1));
    int dup = chain.deploy("shop", "QA", "production", "6", Chain.sha('d'), "Ship more");
    chain.hub.closeIssue(Chain.REPO, dup, "ci-bot", "duplicate");

    Project shop = reader().read().project("shop").orElseThrow();
    assertThat(shop.stages()).extracting(Stage::shortName).containsExactly("QA", "Production");
    Stage q = shop.stage("QA").orElseThrow();
    assertThat(q.light()).isEqualTo(Light.RED);
    assertThat(q.latest().number()).isEqualTo(qa);
    assertThat(q.latest().closedBy()).isEqualTo("erin");
    Stage p = shop.stage("Production").orElseThrow();
    assertThat(p.light()).isEqualTo(Light.GREEN);
    assertThat(p.status()).isEqualTo("final");
    assertThat(p.latest().number()).isEqualTo(prod);
  }

  @Test
  void aCustomTitleFormat() {
    chain.hub.createIssue(
        Chain.REPO,
        "[CONSUMED #2] Deployed web to staging",
        Chain.mitodlBody("web", "staging", "1"),
        List.of("pipeline-workflow", "promotion-to-live"),
        "ci-bot");
    GateReader reader =
        new GateReader(
            github,
            repo,
            TitleFormat.parse("Deployed <project> to <stage>"),
            20,
            Duration.ofMinutes(10),
            Clock.systemUTC());
    Project web = reader.read().project("web").orElseThrow();
    assertThat(web.stages()).extracting(Stage::shortName).containsExactly("staging", "live");
    assertThat(web.stages().get(0).latest().consumedBy()).isEqualTo("2");
    TitleFormat chainFile =
        TitleFormat.parse("[bot] {deployer} {project} applications.{project}.{stage} deployed.");
    assertThat(chainFile.match("[CONSUMED #5] [bot] Pulumi myapp applications.myapp.QA deployed."))
        .hasValue(new TitleFormat.Title("Pulumi", "myapp", "QA", "5"));
    assertThat(chainFile.match("[bot] Pulumi myapp applications.other.QA deployed.")).isEmpty();
    assertThatThrownBy(() -> TitleFormat.parse("[bot] <stage> deployed."))
        .hasMessageContaining("<project> and <stage>");
  }

  @Test
  void whereSaysWhenAndWhichBuildOrWhatWouldPromoteIt() {
    Chain.Seeded s = chain.seed();
    Board board = reader().read();

    Where.Answer b = Where.find(board, "bbbbbbb");
    assertThat(b.commits()).containsExactly(Chain.sha('b'));
    assertThat(b.subject()).isEqualTo("Fix the login page");
    assertThat(b.stages())
        .extracting(Where.StageAnswer::shortName)
        .containsExactly("CI", "QA", "production");
    assertThat(b.stages().get(0).deployed()).isTrue();
    assertThat(b.stages().get(0).build().buildName()).isEqualTo("8");
    assertThat(b.stages().get(1).answer())
        .isEqualTo("deployed 2026-11-20 08:52 UTC by deploy-qa #4 (issue #" + s.qa() + ")");
    Where.StageAnswer prod = b.stages().get(2);
    assertThat(prod.deployed()).isFalse();
    assertThat(prod.closeToPromote()).isEqualTo((long) s.qa());
    assertThat(prod.answer()).startsWith("not yet: close #" + s.qa() + " to promote it from QA");

    assertThat(Where.find(board, "cccc").found()).isFalse();
    assertThatThrownBy(() -> Where.find(board, "xyz")).hasMessageContaining("4 to 64 hex digits");
  }

  @Test
  void promoteClosesTheWaitingIssueAndSaysWho() {
    Chain.Seeded s = chain.seed();
    GateReader reader = reader();
    Board board = reader.read();

    assertThatThrownBy(() -> Promotion.waiting(board, "myapp", "CI"))
        .isInstanceOf(Promotion.Refused.class)
        .hasMessage(
            "nothing waits for promotion in myapp CI: its latest issue #"
                + s.ci2()
                + " was closed by bob at 2026-11-20 08:47 UTC; the next deploy of CI opens a new one");
    assertThatThrownBy(() -> Promotion.waiting(board, "myapp", "production"))
        .hasMessage("nothing to promote: myapp production has never been deployed");
    assertThatThrownBy(() -> Promotion.waiting(board, "nope", "QA"))
        .hasMessage("no project \"nope\" in acme/deploy-gates; projects: billing, myapp");

    Promotion.Result r =
        Promotion.promote(github, repo, board, "myapp", "qa", "dana", "`trafficlight promote`");
    assertThat(r.issue()).isEqualTo(s.qa());
    assertThat(r.next()).isEqualTo("production");
    var closed = chain.hub.issue(Chain.REPO, s.qa());
    assertThat(closed.state()).isEqualTo("closed");
    assertThat(closed.stateReason()).isEqualTo("completed");
    assertThat(closed.closedBy()).isEqualTo("board-bot");

    Board after = reader.read();
    Stage qa = after.project("myapp").orElseThrow().stage("QA").orElseThrow();
    assertThat(qa.light()).isEqualTo(Light.GREEN);
    assertThat(qa.latest().closedBy()).isEqualTo("board-bot");
    // the comment says who, and carries no build
    assertThat(qa.buildsWaiting()).isZero();
    assertThat(qa.latest().deploys()).isEqualTo(2);

    // promoting again: refused, the stale board notwithstanding
    assertThatThrownBy(() -> Promotion.promote(github, repo, board, "myapp", "qa", "dana", "x"))
        .isInstanceOf(Promotion.Refused.class)
        .hasMessageContaining("was closed meanwhile by board-bot");
  }

  @Test
  void aRefreshThatFindsNothingNewCostsNoRateLimitAndReadsNoComments() {
    Chain.Seeded s = chain.seed();
    GateReader reader = reader();
    Board first = reader.read();
    reader.read(); // settles the watermark URL
    chain.hub.clearRequests();

    Board again = reader.read();

    List<RecordedRequest> sent = chain.hub.requests();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).path()).isEqualTo("/repos/acme/deploy-gates/issues");
    assertThat(sent.get(0).query()).contains("since=");
    assertThat(sent.get(0).status()).isEqualTo(304);
    assertThat(BoardJson.board(again, again.projects()))
        .isEqualTo(BoardJson.board(first, first.projects()));

    // a new comment: the listing changes, and only that issue's comments are read again
    chain.hub.addComment(
        Chain.REPO, s.qa(), "ci-bot", Chain.recordBody("myapp", "QA", "5", Chain.sha('e'), "More"));
    chain.hub.clearRequests();
    Board changed = reader.read();
    assertThat(chain.hub.requests())
        .extracting(RecordedRequest::path)
        .containsExactly(
            "/repos/acme/deploy-gates/issues",
            "/repos/acme/deploy-gates/issues/" + s.qa() + "/comments");
    assertThat(changed.project("myapp").orElseThrow().stage("QA").orElseThrow().buildsWaiting())
        .isEqualTo(3);
  }

  @Test
  void gitHubEnterpriseServerUnderApiV3() {
    chain.seed();
    try (GitHubClient ghes =
        GitHubFixture.client(chain.hub.enterpriseBaseUrl() + "/", chain.token, cache)) {
      Board board =
          new GateReader(
                  ghes,
                  repo,
                  TitleFormat.defaultFormat(),
                  20,
                  Duration.ofMinutes(10),
                  chain.hub.clock())
              .read();
      assertThat(board.project("myapp").orElseThrow().stage("QA").orElseThrow().light())
          .isEqualTo(Light.AMBER);
    }
    assertThat(chain.hub.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/api/v3/"));
  }

  @Test
  void deployRecordsAndBuildLogLinks() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    String text =
        "Deployed commit `1a2b3c4` Fix\n<!-- trafficlight:deploy {\"commit\":\"1A2B3C4D5E6F7A8B9C0D1A2B3C4D5E6F7A8B9C0D\",\"subject\":\"Fix\",\"build_name\":\"12\",\"job\":\"deploy-qa\",\"pipeline\":\"myapp\",\"build_url\":\"https://ci/b/12\",\"new\":{\"x\":1}} -->";
    List<Build> builds = DeployRecords.parse(text, 5, at);
    assertThat(builds).hasSize(1);
    assertThat(builds.get(0).commit()).isEqualTo("1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d");
    assertThat(builds.get(0).buildName()).isEqualTo("12");
    assertThat(DeployRecords.parse("Looks good to me", 5, at)).isEmpty();
    assertThat(DeployRecords.parse("<!-- trafficlight:deploy {broken -->", 5, at)).isEmpty();
    List<Build> links = DeployRecords.parse(Chain.mitodlBody("p", "QA", "77"), 5, at);
    assertThat(links)
        .extracting(Build::buildName, Build::job, Build::pipeline)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("77", "deploy-qa", "p"));
  }
}
