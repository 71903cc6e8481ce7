package trafficlight.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvents;
import trafficlight.gate.TitleFormat;
import trafficlight.github.GitHubClient;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RepositoryName;
import trafficlight.localhub.RecordedRequest;

/** The board read from localhub: lights, order, builds, where and promote. */
class BoardModelTest {

  final DeployedGates gates = new DeployedGates();
  final MemoryResponseCache cache = new MemoryResponseCache(1000);
  final GitHubClient github = GitHubFixture.client(gates.hub.baseUrl(), gates.token, cache);
  final RepositoryName repo = RepositoryName.parse(DeployedGates.REPO);

  @AfterEach
  void stop() {
    github.close();
    gates.close();
  }

  GateReader reader() {
    return new GateReader(
        github, repo, TitleFormat.defaultFormat(), GateReader.Reading.standard(gates.hub.clock()));
  }

  @Test
  void lightsOrderAndBuildsOfASeededChain() {
    DeployedGates.Seeded s = gates.seed();
    Board board = reader().read();

    assertThat(board.projects()).extracting(Project::name).containsExactly("billing", "myapp");
    // Production is known only from QA's label and records, and spelled as the chain spells it
    assertThat(board.columns()).containsExactly("CI", "QA", "Production");
    Project myapp = board.project("myapp").orElseThrow();
    assertThat(myapp.stages())
        .extracting(Stage::shortName)
        .containsExactly("CI", "QA", "Production");

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
        .isEqualTo(DeployedGates.T0.plus(Duration.ofMinutes(10 + 5 + 30 + 1 + 1 + 5)));
    Build latest = qa.latestBuild();
    assertThat(latest.commit()).isEqualTo(DeployedGates.sha('b'));
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
  void theApproversRuleOfAStageComesFromItsDeployRecords() {
    gates.deploy("payments", "QA", "2", DeployedGates.sha('a'), "Charge cards");
    gates.deploy("ledger", "QA", "3", DeployedGates.sha('b'), "Balance");
    gates.deploy("shop", "QA", "5", DeployedGates.sha('c'), "Ship it");

    Board board = reader().read();
    Stage qa = board.project("payments").orElseThrow().stage("QA").orElseThrow();
    // the chain's {name: Production, approvers: [...]}: who may promote QA to Production
    assertThat(qa.next()).isEqualTo("Production");
    assertThat(qa.approvalRule())
        .contains(ApprovalRule.of(List.of("alice", "@acme/release"), false));
    assertThat(qa.approvalRule().orElseThrow().describeApprovers())
        .isEqualTo("alice, @acme/release");
    assertThat(board.project("ledger").orElseThrow().stage("QA").orElseThrow().approvalRule())
        .contains(ApprovalRule.of(List.of("alice"), true));
    // a chain without approvers records none; a stage never deployed has none either
    assertThat(board.project("shop").orElseThrow().stage("QA").orElseThrow().approvalRule())
        .isEmpty();
    assertThat(
            board
                .project("payments")
                .orElseThrow()
                .stage("Production")
                .orElseThrow()
                .approvalRule())
        .isEmpty();
  }

  /**
   * {@code project}'s QA deploys commit a, then {@code closer} closes its issue; carol is in the
   * team {@code @acme/release}, which the board's token may read.
   */
  private int closedQa(String project, String subject, String closer) {
    gates.hub.addOrgMember("acme", "board-bot");
    gates.hub.addTeamMember("acme", "release", "carol");
    int qa = gates.deploy(project, "QA", "2", DeployedGates.sha('a'), subject);
    gates.hub.closeIssue(DeployedGates.REPO, qa, closer);
    return qa;
  }

  @Test
  void aCloseBySomeoneWhoMayNotPromoteIsItsOwnLightInStatusAndWhere() {
    int qa = closedQa("payments", "Charge cards", "bob");
    GateReader reader = reader();

    Board board = reader.read();
    Project payments = board.project("payments").orElseThrow();
    Stage stage = payments.stage("QA").orElseThrow();
    String refusal =
        "closed by bob, who may not promote to Production (approvers: alice, @acme/release)";
    assertThat(stage.light()).isEqualTo(Light.REFUSED);
    assertThat(stage.status()).isEqualTo("refused");
    assertThat(stage.latest().refusal()).isEqualTo(refusal);
    assertThat(StatusTable.detail(payments, stage)).isEqualTo("refused: " + refusal);
    assertThat(StatusTable.render(List.of(payments), false))
        .contains("QA          refused  refused: " + refusal);
    assertThat(BoardJson.stage(payments, stage))
        .containsEntry("light", "refused")
        .containsEntry("refusal", refusal);
    assertThat(Where.find(board, "aaaaaaa").stages().get(1).answer())
        .isEqualTo("not yet: #" + qa + " in QA was " + refusal + ", so it is no go-ahead");

    // reopened (by the relay) it waits again; closed by a member of the team it counts
    gates.hub.reopenIssue(DeployedGates.REPO, qa, "relay-bot");
    gates.advance(Duration.ofMinutes(1));
    assertThat(reader.read().project("payments").orElseThrow().stage("QA").orElseThrow().light())
        .isEqualTo(Light.AMBER);
    gates.hub.closeIssue(DeployedGates.REPO, qa, "carol");
    gates.advance(Duration.ofMinutes(1));
    Stage approved = reader.read().project("payments").orElseThrow().stage("QA").orElseThrow();
    assertThat(approved.light()).isEqualTo(Light.GREEN);
    assertThat(approved.latest().refusal()).isNull();
  }

  @Test
  void aMisspeltTeamInTheRecordsMakesTheCloseCountForNothingAndSaysWhy() {
    closedQa("vault", "Rotate keys", "carol");

    Stage stage = reader().read().project("vault").orElseThrow().stage("QA").orElseThrow();
    assertThat(stage.light()).isEqualTo(Light.REFUSED);
    assertThat(stage.latest().refusal())
        .isEqualTo(
            "closed by carol, which cannot count while the approvers cannot be read: there is no"
                + " team acme/relase (GET /orgs/acme/teams/relase answered 404; GitHub answers the"
                + " same for a secret team the credentials cannot see): check the team's slug in"
                + " approvers, as it appears in the team's URL"
                + " https://github.com/orgs/acme/teams/<slug>");
  }

  @Test
  void readsBackExactlyWhatTheResourceWroteAsTheGeneratorSetItUp() {
    int ci = gates.deploy("myapp", "CI", "7", DeployedGates.sha('a'), "Add the login page");
    gates.hub.closeIssue(DeployedGates.REPO, ci, "alice");
    gates.promote("myapp", "CI", "3");

    Stage stage = reader().read().project("myapp").orElseThrow().stage("CI").orElseThrow();
    assertThat(stage.name()).isEqualTo("applications.myapp.CI");
    assertThat(stage.next()).isEqualTo("QA");
    assertThat(stage.latest().number()).isEqualTo(ci);
    assertThat(stage.latest().title())
        .isEqualTo("[CONSUMED #3]" + DeployedGates.title("myapp", "CI"));
    assertThat(stage.latest().consumedBy()).isEqualTo("3");
    assertThat(stage.latest().closedBy()).isEqualTo("alice");
    assertThat(stage.builds())
        .extracting(Build::record)
        .containsExactly(
            new DeployRecord(
                new DeployRecord.Change(DeployedGates.sha('a'), "Add the login page", null, null),
                new DeployRecord.Build(
                    "7",
                    "deploy-ci",
                    "myapp",
                    "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-ci/builds/7"),
                "QA",
                null,
                null));
  }

  @Test
  void finalizedStagesComeLastAndAreGreenNotPlannedIsRedDuplicatesDoNotCount() {
    int prod = gates.deploy("shop", "Production", "9", DeployedGates.sha('c'), "Ship it");
    gates.advance(Duration.ofMinutes(1));
    int qa = gates.deploy("shop", "QA", "5", DeployedGates.sha('c'), "Ship it");
    gates.hub.closeIssue(DeployedGates.REPO, qa, "erin", "not_planned");
    gates.advance(Duration.ofMinutes(1));
    int dup = gates.deploy("shop", "QA", "6", DeployedGates.sha('d'), "Ship more");
    gates.hub.closeIssue(DeployedGates.REPO, dup, "ci-bot", "duplicate");

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
    gates.hub.createIssue(
        DeployedGates.REPO,
        "[CONSUMED #2] Deployed web to staging",
        "[the build log](https://ci.example.com/teams/main/pipelines/web/jobs/deploy/builds/1)",
        List.of("pipeline-workflow", "promotion-to-live"),
        "ci-bot");
    GateReader reader =
        new GateReader(github, repo, TitleFormat.parse("Deployed {project} to {stage}"));
    Project web = reader.read().project("web").orElseThrow();
    assertThat(web.stages()).extracting(Stage::shortName).containsExactly("staging", "live");
    assertThat(web.stages().get(0).latest().consumedBy()).isEqualTo("2");
  }

  @Test
  void whereSaysWhenAndWhichBuildOrWhatWouldPromoteIt() {
    DeployedGates.Seeded s = gates.seed();
    Board board = reader().read();

    Where.Answer b = Where.find(board, "bbbbbbb");
    assertThat(b.commits()).containsExactly(DeployedGates.sha('b'));
    assertThat(b.subject()).isEqualTo("Fix the login page");
    assertThat(b.stages())
        .extracting(Where.StageAnswer::shortName)
        .containsExactly("CI", "QA", "Production");
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
  void theBoardSaysWhatAnApprovalChoseAndWhereUsesIt() {
    DeployedGates.Seeded s = gates.seed();
    gates.hub.addCollaborator(DeployedGates.REPO, "alice");
    gates.hub.addComment(DeployedGates.REPO, s.qa(), "alice", "/promote aaaaaaa");
    gates.advance(Duration.ofMinutes(1));
    gates.hub.closeIssue(DeployedGates.REPO, s.qa(), "alice");
    gates.advance(Duration.ofMinutes(1));
    gates.promote("myapp", "QA", "5");

    Board board = reader().read();
    Project myapp = board.project("myapp").orElseThrow();
    Stage qa = myapp.stage("QA").orElseThrow();
    assertThat(qa.latest().approvedCommit()).isEqualTo(DeployedGates.sha('a'));
    assertThat(qa.latest().deploying().job()).isEqualTo("deploy-production");
    assertThat(qa.latest().deploying().build()).isEqualTo("5");
    assertThat(qa.latest().deploying().approval().closedBy()).isEqualTo("alice");
    // the newest build is b, but a was approved: status says so
    assertThat(qa.latestBuild().commit()).isEqualTo(DeployedGates.sha('b'));
    assertThat(StatusTable.detail(myapp, qa))
        .isEqualTo("promoted by alice, consumed by #5, approved aaaaaaa");
    assertThat(BoardJson.write(BoardJson.stage(myapp, qa), false))
        .contains("\"approved\":{\"issue\":" + s.qa() + ",")
        .contains("\"commit\":\"" + DeployedGates.sha('a') + "\"")
        .contains("\"deploying\":{\"job\":\"deploy-production\",\"build\":\"5\"");
    // and the CI issues the seed promoted name what their closes approved
    assertThat(myapp.stage("CI").orElseThrow().latest().approvedCommit())
        .isEqualTo(DeployedGates.sha('b'));

    Where.StageAnswer approved = Where.find(board, "aaaaaaa").stages().get(2);
    assertThat(approved.shortName()).isEqualTo("Production");
    assertThat(approved.answer())
        .isEqualTo(
            "not yet: deploy-production #5 is deploying it (approved on #" + s.qa() + " by alice)");
    Where.StageAnswer newer = Where.find(board, "bbbbbbb").stages().get(2);
    assertThat(newer.answer())
        .startsWith(
            "not yet: #"
                + s.qa()
                + " was promoted by alice approving `aaaaaaa` (deploy-production #5 is deploying"
                + " it); cannot tell whether aaaaaaa contains it");
  }

  @Test
  void promoteClosesTheWaitingIssueAndSaysWho() {
    DeployedGates.Seeded s = gates.seed();
    GateReader reader = reader();
    Board board = reader.read();

    assertThatThrownBy(() -> Promotion.waiting(board, "myapp", "CI"))
        .isInstanceOf(Promotion.Refused.class)
        .hasMessage(
            "nothing waits for promotion in myapp CI: its latest issue #"
                + s.ci2()
                + " was closed by bob at 2026-11-20 08:47 UTC; the next deploy of CI opens a new one");
    assertThatThrownBy(() -> Promotion.waiting(board, "myapp", "production"))
        .hasMessage("nothing to promote: myapp Production has never been deployed");
    assertThatThrownBy(() -> Promotion.waiting(board, "nope", "QA"))
        .hasMessage("no project \"nope\" in acme/deploy-gates; projects: billing, myapp");

    Promotion.Result r =
        Promotion.promote(
            github,
            repo,
            board,
            new Promotion.Request("myapp", "qa", "dana", "`trafficlight promote`", null),
            GateEvents.NONE);
    assertThat(r.closed().number()).isEqualTo(s.qa());
    assertThat(r.next()).isEqualTo("Production");
    var closed = gates.hub.issue(DeployedGates.REPO, s.qa());
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
    assertThatThrownBy(
            () ->
                Promotion.promote(
                    github,
                    repo,
                    board,
                    new Promotion.Request("myapp", "qa", "dana", "x", null),
                    GateEvents.NONE))
        .isInstanceOf(Promotion.Refused.class)
        .hasMessageContaining("was closed meanwhile by board-bot");
  }

  @Test
  void aRefreshThatFindsNothingNewCostsNoRateLimitAndReadsNoComments() {
    DeployedGates.Seeded s = gates.seed();
    GateReader reader = reader();
    Board first = reader.read();
    reader.read(); // settles the watermark URL
    gates.hub.clearRequests();

    Board again = reader.read();

    List<RecordedRequest> sent = gates.hub.requests();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).path()).isEqualTo("/repos/acme/deploy-gates/issues");
    assertThat(sent.get(0).query()).contains("since=");
    assertThat(sent.get(0).status()).isEqualTo(304);
    assertThat(BoardJson.board(again, again.projects()))
        .isEqualTo(BoardJson.board(first, first.projects()));

    // a new comment: the listing changes, and only that issue's comments are read again
    gates.deploy("myapp", "QA", "5", DeployedGates.sha('e'), "More");
    gates.hub.clearRequests();
    Board changed = reader.read();
    assertThat(gates.hub.requests())
        .extracting(RecordedRequest::path)
        .containsExactly(
            "/repos/acme/deploy-gates/issues",
            "/repos/acme/deploy-gates/issues/" + s.qa() + "/comments");
    assertThat(changed.project("myapp").orElseThrow().stage("QA").orElseThrow().buildsWaiting())
        .isEqualTo(3);
  }

  @Test
  void gitHubEnterpriseServerUnderApiV3() {
    gates.seed();
    gates.hub.clearRequests(); // the seed's puts and gets
    try (GitHubClient ghes =
        GitHubFixture.client(gates.hub.enterpriseBaseUrl() + "/", gates.token, cache)) {
      Board board =
          new GateReader(
                  ghes,
                  repo,
                  TitleFormat.defaultFormat(),
                  GateReader.Reading.standard(gates.hub.clock()))
              .read();
      assertThat(board.project("myapp").orElseThrow().stage("QA").orElseThrow().light())
          .isEqualTo(Light.AMBER);
    }
    assertThat(gates.hub.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/api/v3/"));
  }
}
