package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.gate.DeployRecord;

/** The put's code repository: from the checkout's origin or {@code code_repository}. */
class CodeRepositoryPutTest extends AgainstLocalHub {

  private static final String SHA = "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567";

  private void checkout(String origin) throws Exception {
    Path git = Files.createDirectories(directory("put").resolve("myapp/.git"));
    Files.writeString(git.resolve("ref"), SHA + "\n");
    Files.writeString(git.resolve("commit_message"), "Fix the login page\n");
    if (origin != null) {
      Files.writeString(
          git.resolve("config"),
          "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/else/where\n"
              + "[remote \"origin\"]\n\turl = "
              + origin
              + "\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n");
    }
  }

  private DeployRecord record() {
    return DeployRecord.readAll(hub.issues(REPO).get(0).body()).get(0);
  }

  @Test
  void theCheckoutsOriginNamesTheCodeRepository() throws Exception {
    checkout("git@github.example.com:acme/myapp.git");

    Run run = out(post(), Map.of("commit_from", "myapp"), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(record().codeRepository()).isEqualTo("acme/myapp");
    // the stage's first deploy: nothing to compare with
    assertThat(hub.requests()).noneMatch(r -> r.path().contains("/compare/"));
  }

  @Test
  void codeRepositoryOverridesTheOrigin() throws Exception {
    checkout("/srv/git/myapp");

    Run run =
        out(post(), Map.of("commit_from", "myapp", "code_repository", "acme/shop"), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(record().codeRepository()).isEqualTo("acme/shop");
  }

  @Test
  void withoutAnOriginURLNoCodeRepositoryIsRecorded() throws Exception {
    checkout("/srv/git/myapp");

    Run run = out(post(), Map.of("commit_from", "myapp"), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(record().codeRepository()).isNull();
    assertThat(record().commit()).isEqualTo(SHA);
  }

  @Test
  void aCodeRepositoryThatCannotBeComparedIsAWarningNotAFailedDeploy() throws Exception {
    checkout("https://github.com/acme/myapp.git");
    out(post(), Map.of("commit_from", "myapp"), build("12"));
    Files.writeString(directory("put").resolve("myapp/.git/ref"), "f".repeat(40) + "\n");

    Run second = out(post(), Map.of("commit_from", "myapp"), build("13"));

    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(second.stderr())
        .contains("warning: cannot list the commits since the previous deploy (1a2b3c4)")
        .doesNotContain("error");
    assertThat(hub.issues(REPO).get(0).comments()).hasSize(1);
  }

  @Test
  void aFailedGitHubDeploymentIsAWarningNotAFailedDeploy() throws Exception {
    // a code repository that lacks the commit: GitHub answers 422
    Path code = Files.createDirectories(work.resolve("code"));
    Git.initWithOneCommit(code, "Start");
    hub.serveCode("acme/myapp", code);
    checkout("https://github.com/acme/myapp.git");

    Run run = out(post(), Map.of("commit_from", "myapp", "github_deployment", true), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.stderr())
        .contains("warning: could not record a GitHub Deployment of 1a2b3c4 to QA on acme/myapp")
        .doesNotContain(token);
    assertThat(hub.issues(REPO)).hasSize(1);
  }

  @Test
  void badCodeRepositoryParamsAreOneLineEach() throws Exception {
    checkout(null);
    assertFailedWithOneLine(
        out(post(), Map.of("commit_from", "myapp", "code_repository", "just-a-name"), build("1")),
        "put param code_repository must be owner/name, got \"just-a-name\"");
    assertFailedWithOneLine(
        out(post(), Map.of("github_deployment", true), build("1")),
        "put param github_deployment needs commit_from: a GitHub Deployment is of a commit");
    assertFailedWithOneLine(
        out(post(), Map.of("commit_from", "myapp", "github_deployment", "yes"), build("1")),
        "put params key \"github_deployment\" must be true or false, got a string");
    assertThat(hub.requests()).isEmpty();
    assertThat(List.copyOf(hub.issues(REPO))).isEmpty();
  }
}
