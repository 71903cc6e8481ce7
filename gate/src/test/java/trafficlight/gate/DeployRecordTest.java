package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DeployRecordTest {

  private static final String SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  private static final String URL =
      "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/4";

  private static DeployRecord record(String subject) {
    return new DeployRecord(
        new DeployRecord.Change(SHA, subject, null, null),
        new DeployRecord.Build("4", "deploy-qa", "myapp", URL),
        "Production",
        null,
        null);
  }

  /** A put's record of deploy-qa's build {@code build} of {@code sha}, with no next stage. */
  private static DeployRecord qaBuild(String build, String sha, String subject) {
    return new DeployRecord(
        new DeployRecord.Change(sha, subject, null, null),
        new DeployRecord.Build(build, "deploy-qa", "myapp", URL),
        null,
        null,
        null);
  }

  @Test
  void whatItWritesItReadsBack() {
    DeployRecord written = record("Fix the login page");
    String text = "The task deploy-qa has completed." + written.render();
    assertThat(DeployRecord.readAll(text)).containsExactly(written);
  }

  @Test
  void theCodeRepositoryAndTheCommitsCarriedReadBack() {
    DeployRecord written =
        new DeployRecord(
            new DeployRecord.Change(
                SHA,
                "Fix the login page",
                "acme/myapp",
                List.of(
                    new DeployRecord.Commit(
                        "0".repeat(40), "Add the login page (#12)", "alice", "web-flow"),
                    new DeployRecord.Commit(SHA, "Fix the login page", "bob", null))),
            new DeployRecord.Build("4", "deploy-qa", "myapp", URL),
            "Production",
            null,
            null);
    assertThat(DeployRecord.readAll(written.render())).containsExactly(written);
    assertThat(written.render()).contains("\"code_repository\":\"acme/myapp\"");
  }

  private static IssueText text(String author, String association, String body) {
    return new IssueText(author, association, null, body);
  }

  @Test
  void anIssueRecordsItsBodysBuildsThenEachCommentsInOrder() {
    DeployRecord first = qaBuild("11", SHA, "Add the cart");
    DeployRecord second = qaBuild("12", "9".repeat(40), "Fix the cart");
    IssueRecords read =
        DeployRecord.readIssue(
            text("ci-bot", "NONE", "Opened." + first.render()),
            List.of(
                text("alice", "NONE", "a person's comment"),
                text("CI-Bot", "NONE", second.render())),
            RepositoryAccess.NOBODY);
    assertThat(read.records()).containsExactly(first, second);
    assertThat(read.ignoredAuthors()).isEmpty();
  }

  @Test
  void recordsCountOnlyFromTheIssuesAuthorTheOwnerOrSomeoneWhoMayWrite() {
    DeployRecord put = qaBuild("11", SHA, "Add the cart");
    DeployRecord forged =
        new DeployRecord(
            new DeployRecord.Change("9".repeat(40), "Forged", null, List.of()),
            new DeployRecord.Build("99", "deploy-qa", "myapp", "https://evil.example/b"),
            null,
            new DeployRecord.Rule(List.of("mallory"), null),
            null);
    DeployRecord byWriter = qaBuild("12", "8".repeat(40), "Rotated token");
    DeployRecord byOwner = qaBuild("13", "7".repeat(40), "By the owner");
    List<String> asked = new java.util.ArrayList<>();
    RepositoryAccess access =
        RepositoryAccess.memoized(
            login -> {
              asked.add(login);
              return switch (login) {
                case "new-bot" -> Permission.WRITE;
                case "tracy" -> Permission.TRIAGE;
                default -> Permission.NONE;
              };
            });
    IssueRecords read =
        DeployRecord.readIssue(
            text("ci-bot", null, put.render()),
            List.of(
                text("mallory", "NONE", forged.render()),
                text("mallory", "CONTRIBUTOR", forged.render()),
                text("tracy", "MEMBER", forged.render()),
                text("new-bot", "NONE", byWriter.render()),
                text("acme", "OWNER", byOwner.render()),
                text(null, null, forged.render()),
                text("mallory", "NONE", "no record, so nobody is asked")),
            access);
    assertThat(read.records()).containsExactly(put, byWriter, byOwner);
    assertThat(read.ignoredAuthors()).containsExactly("mallory", "tracy", "an unknown user");
    assertThat(asked).containsExactly("mallory", "tracy", "new-bot");
  }

  @Test
  void theApprovalRuleReadsBack() {
    DeployRecord written =
        new DeployRecord(
            new DeployRecord.Change(SHA, "Fix the login page", null, List.of()),
            new DeployRecord.Build("4", "deploy-qa", "myapp", URL),
            "Production",
            new DeployRecord.Rule(List.of("alice", "@my-org/release"), true),
            null);
    DeployRecord read = DeployRecord.readAll(written.render()).get(0);
    assertThat(read).isEqualTo(written);
    assertThat(written.render())
        .contains("\"approvers\":[\"alice\",\"@my-org/release\"],\"forbid_self_approval\":true");
    assertThat(read.approvalRule())
        .contains(ApprovalRule.of(List.of("alice", "my-org/release"), true));
  }

  @Test
  void olderRecordsAndUnreadableApproversHaveNoRule() {
    assertThat(record("x").approvalRule()).isEmpty();
    assertThat(DeployRecord.readAll(record("x").render()).get(0).approvalRule()).isEmpty();
    String onlySelf = "<!-- trafficlight:deploy {\"forbid_self_approval\":true} -->";
    assertThat(DeployRecord.readAll(onlySelf).get(0).approvalRule())
        .contains(new ApprovalRule(List.of(), true));
    String bad = "<!-- trafficlight:deploy {\"approvers\":[\"not a login\"]} -->";
    assertThat(DeployRecord.readAll(bad).get(0).approvalRule()).isEmpty();
  }

  @Test
  void commitsWithoutAShaAreSkipped() {
    String text =
        "<!-- trafficlight:deploy {\"commit\":\""
            + SHA
            + "\",\"commits\":[{\"subject\":\"x\"},{\"sha\":\""
            + SHA
            + "\"},\"junk\"]} -->";
    assertThat(DeployRecord.readAll(text).get(0).commits())
        .containsExactly(new DeployRecord.Commit(SHA, null, null, null));
  }

  @Test
  void showsTheCommitToPeople() {
    assertThat(record("Fix the login page").render())
        .startsWith("\n\nDeployed commit `1a2b3c4` Fix the login page\n<!-- trafficlight:deploy {")
        .contains("\"format\":1")
        .endsWith(" -->\n");
  }

  @Test
  void aRecordWithoutACommitHasNoVisibleLine() {
    DeployRecord record =
        new DeployRecord(
            null, new DeployRecord.Build("4", "deploy-qa", "myapp", URL), "QA", null, null);
    assertThat(record.render()).startsWith("\n\n<!-- trafficlight:deploy ");
    assertThat(DeployRecord.readAll(record.render())).containsExactly(record);
  }

  @Test
  void aSubjectCannotEndTheCommentEarly() {
    DeployRecord written = record("Use --> arrows -- everywhere -->");
    String text = written.render();
    String comment = text.substring(text.indexOf("<!--"));
    assertThat(comment.indexOf("-->")).isEqualTo(comment.length() - " -->\n".length() + 1);
    assertThat(DeployRecord.readAll(text)).containsExactly(written);
  }

  @Test
  void newerFieldsAreIgnoredAndOlderRecordsLackNothingTheyHad() {
    String newer =
        "<!-- trafficlight:deploy {\"format\":7,\"commit\":\""
            + SHA
            + "\",\"build_name\":\"4\",\"approval\":{\"by\":\"alice\"},\"commits\":[1,2]} -->";
    String older = "<!-- trafficlight:deploy {\"commit\":\"" + SHA + "\",\"subject\":\"x\"} -->";
    assertThat(DeployRecord.readAll(newer))
        .containsExactly(
            new DeployRecord(
                new DeployRecord.Change(SHA, null, null, null),
                new DeployRecord.Build("4", null, null, null),
                null,
                null,
                null));
    assertThat(DeployRecord.readAll(older))
        .containsExactly(
            new DeployRecord(
                new DeployRecord.Change(SHA, "x", null, null), null, null, null, null));
  }

  @Test
  void unreadableRecordsAndNonCommitsAreSkipped() {
    assertThat(DeployRecord.readAll("<!-- trafficlight:deploy {not json} -->")).isEmpty();
    assertThat(
            DeployRecord.readAll(
                "<!-- trafficlight:deploy {\"commit\":\"main\",\"build_name\":\"4\"} -->"))
        .containsExactly(
            new DeployRecord(
                null, new DeployRecord.Build("4", null, null, null), null, null, null));
  }

  @Test
  void commitsAreLowerCase() {
    assertThat(
            new DeployRecord(
                    new DeployRecord.Change(SHA.toUpperCase(Locale.ROOT), null, null, null),
                    null,
                    null,
                    null,
                    null)
                .commit())
        .isEqualTo(SHA);
  }

  @Test
  void theSameBuildTwiceCountsOnce() {
    String twice = record("x").render() + record("x").render();
    assertThat(DeployRecord.readAll(twice)).hasSize(1);
  }

  @Test
  void mitodlBodiesYieldTheBuildOfTheirLogLink() {
    String body =
        "The task deploy-qa in pipeline myapp has completed build number 4.\n"
            + "Please refer to [the build log]("
            + URL
            + ") for details of what changes this includes.\n";
    assertThat(DeployRecord.readAll(body))
        .containsExactly(
            new DeployRecord(
                null, new DeployRecord.Build("4", "deploy-qa", "myapp", URL), null, null, null));
    String elsewhere =
        "completed build number 12.\nsee [the build log](https://ci.example.com/b?id=9)";
    assertThat(DeployRecord.readAll(elsewhere))
        .containsExactly(
            new DeployRecord(
                null,
                new DeployRecord.Build("12", null, null, "https://ci.example.com/b?id=9"),
                null,
                null,
                null));
  }

  @Test
  void aPersonsCommentRecordsNothing() {
    assertThat(DeployRecord.readAll("Looks good on QA.")).isEmpty();
    assertThat(DeployRecord.readAll(null)).isEmpty();
    assertThat(DeployRecord.readAll("")).isEqualTo(List.of());
  }

  @Test
  void whereTheDeployCameFromReadsBackAndIsShownToPeople() {
    Approval qa =
        Approval.of(
            1425,
            "https://github.com/acme/gates/issues/1425",
            record("Fix the login page"),
            "alice",
            java.time.Instant.parse("2026-11-26T09:15:02Z"));
    DeployRecord written =
        new DeployRecord(
            new DeployRecord.Change(SHA, "Fix the login page", null, List.of()),
            new DeployRecord.Build("5", "deploy-production", "myapp", URL),
            null,
            null,
            qa);
    assertThat(DeployRecord.readAll(written.render())).containsExactly(written);
    assertThat(written.render())
        .contains(
            "Deployed commit `1a2b3c4` Fix the login page\n"
                + "Promoted from [#1425](https://github.com/acme/gates/issues/1425), approved by"
                + " alice\n<!-- trafficlight:deploy");
  }
}
