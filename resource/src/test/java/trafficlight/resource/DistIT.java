package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executables of {@code dist/opt/resource}, run as Concourse runs them: a fresh process per
 * step, the request on stdin, the directory as argument, BUILD_* in the environment.
 */
class DistIT extends AgainstLocalHub {

  static final Path DIST =
      Path.of(System.getProperty("trafficlight.root", "..")).resolve("dist/opt/resource");

  @Override
  ResourceRunner runner() {
    return ResourceRunner.DIST;
  }

  @Test
  void theExecutablesAreLaidOutAsInTheImage() {
    for (String command : List.of("check", "in", "out")) {
      assertThat(DIST.resolve(command)).isExecutable();
    }
    assertThat(DIST.resolve("lib/trafficlight-resource.jar")).isRegularFile();
  }

  @Test
  void aDeployPutsTheIssueAPersonClosesItCheckSeesItAndGetConsumesIt() throws Exception {
    Run first = out(post(), Map.of(), build("12"));
    Run second = out(post(), Map.of(), build("13"));
    int number = Integer.parseInt(first.version().get("issue_number"));
    hub.closeIssue(REPO, number, "alice");
    tick();
    Run check = check(trigger(), null);
    Run get = in(trigger(), check.versions().get(0), Map.of(), build("7"));

    assertThat(first.metadata()).containsEntry("action", "created");
    assertThat(second.metadata()).containsEntry("action", "commented");
    assertThat(second.version()).containsEntry("issue_number", Integer.toString(number));
    assertThat(check.issueNumbers()).containsExactly((long) number);
    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(hub.issue(REPO, number).title()).isEqualTo("[CONSUMED #7]" + TITLE);
    assertThat(Files.readString(work.resolve("get/gh_issue.json"))).contains("\"issue_number\"");
    for (Run run : runs) {
      assertThat(run.stdout().strip().lines()).as("stdout holds only the response JSON").hasSize(1);
      assertThat(run.stdout().strip()).matches("^[\\[{].*[\\]}]$");
      run.json();
    }
  }

  @Test
  void badInputIsOneLineAndANonZeroExit() {
    Run run = runRaw("check", "not json", Map.of());
    assertFailedWithOneLine(run, "not valid JSON");
  }
}
