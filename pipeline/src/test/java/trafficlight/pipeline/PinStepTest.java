package trafficlight.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static trafficlight.pipeline.TestGit.commit;
import static trafficlight.pipeline.TestGit.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.gate.ResourceInterface.InFile;

/**
 * The pin step's script, run with sh as a task runs it, in a build directory holding a real clone
 * (the code input) and the trigger's {@code commit} file: it checks out the approved commit, or
 * refuses with one line and leaves the checkout as it was.
 */
class PinStepTest {

  @TempDir Path tmp;
  Path origin;
  Path build;
  String first;
  String second;

  @BeforeEach
  void aBranchWithTwoCommitsFetchedAtTheNewer() throws Exception {
    origin = TestGit.init(tmp.resolve("origin"));
    first = commit(origin, "Add the checkout page");
    second = commit(origin, "Fix the cart total");
    build = Files.createDirectories(tmp.resolve("build"));
    fetch();
    Files.createDirectories(build.resolve("qa-promoted"));
  }

  /** As Concourse's git resource: a clone of the branch, its version checked out, .git/ref. */
  void fetch() throws Exception {
    git(build, "clone", "-q", "--no-local", "--single-branch", origin.toString(), "myapp");
    Path checkout = build.resolve("myapp");
    Files.writeString(checkout.resolve(".git/ref"), git(checkout, "rev-parse", "HEAD") + "\n");
    Files.writeString(checkout.resolve(".git/commit_timestamp"), "stale\n");
  }

  TestGit.Result pin(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("APPROVAL", "qa-promoted", "CODE", "myapp"));
    env.putAll(more);
    return TestGit.run(build, env, List.of("sh", "-c", PinStep.script()));
  }

  void approve(String sha) throws Exception {
    Files.writeString(
        build.resolve("qa-promoted").resolve(InFile.COMMIT.fileName()),
        sha + "\n",
        StandardCharsets.UTF_8);
  }

  /** The pin refuses, in the one line the script's {@code fail} writes, with exit status 1. */
  void assertRefused(String why) {
    TestGit.Result result = pin(Map.of());
    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .isEqualTo("pin-approved-commit: " + why + "; nothing was deployed\n");
  }

  String head() {
    return git(build.resolve("myapp"), "rev-parse", "HEAD");
  }

  String gitFile(String name) throws Exception {
    return Files.readString(build.resolve("myapp/.git").resolve(name), StandardCharsets.UTF_8);
  }

  /** The script cannot import the resource's interface: it must spell the get's files alike. */
  @Test
  void theScriptReadsOnlyFilesTheGetWrites() {
    Set<String> written =
        Arrays.stream(InFile.values()).map(InFile::fileName).collect(Collectors.toSet());
    Matcher read = Pattern.compile("\\$APPROVAL/([A-Za-z0-9_.-]+)").matcher(PinStep.script());
    Set<String> files = new HashSet<>();
    while (read.find()) {
      files.add(read.group(1));
    }
    assertThat(files).contains(InFile.COMMIT.fileName());
    assertThat(written).containsAll(files);
  }

  @Test
  void checksOutTheApprovedOlderCommitAndSaysSo() throws Exception {
    approve(first);
    TestGit.Result result = pin(Map.of());
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(head()).isEqualTo(first);
    assertThat(gitFile("ref")).isEqualTo(first + "\n");
    assertThat(gitFile("short_ref")).isEqualTo(first.substring(0, 7) + "\n");
    assertThat(gitFile("commit_message")).startsWith("Add the checkout page");
    assertThat(build.resolve("myapp/.git/commit_timestamp")).doesNotExist();
    assertThat(Files.readString(build.resolve("myapp/CHANGE")))
        .isEqualTo("Add the checkout page\n");
    assertThat(result.output())
        .isEqualTo(
            "pin-approved-commit: myapp is at "
                + first.substring(0, 7)
                + " Add the checkout page, the approved commit (qa-promoted/commit); the fetched"
                + " version was "
                + second.substring(0, 7)
                + "\n");
  }

  @Test
  void theFetchedVersionItselfIsKept() throws Exception {
    approve(second);
    assertThat(pin(Map.of()).exit()).isZero();
    assertThat(head()).isEqualTo(second);
  }

  @Test
  void anApprovedCommitParamPinsWithoutTheFile() throws Exception {
    TestGit.Result result = pin(Map.of("APPROVED_COMMIT", first));
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(head()).isEqualTo(first);
    assertThat(result.output()).contains("the approved commit (APPROVED_COMMIT)");
  }

  @Test
  void aMissingCommitFileIsRefusedInOneLine() throws Exception {
    TestGit.Result result = pin(Map.of());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output())
        .startsWith("pin-approved-commit: qa-promoted/commit is missing: the approved gate issue")
        .endsWith("; nothing was deployed\n")
        .hasLineCount(1);
    assertThat(head()).isEqualTo(second);
  }

  @Test
  void aCommitFileWithoutAFullShaIsRefused() throws Exception {
    approve(first.substring(0, 7));
    assertRefused(
        "qa-promoted/commit holds \"" + first.substring(0, 7) + "\", not a full commit SHA");
    approve("$(touch pwned) " + first);
    assertThat(pin(Map.of()).output()).contains("not a full commit SHA").hasLineCount(1);
    assertThat(build.resolve("pwned")).doesNotExist();
    assertThat(head()).isEqualTo(second);
  }

  @Test
  void aCommitForcePushedAwayIsRefusedAndNothingIsCheckedOut() throws Exception {
    approve(second);
    git(origin, "reset", "-q", "--hard", first);
    String rewritten = commit(origin, "Fix the cart total, again");
    deleteRecursively(build.resolve("myapp"));
    fetch();
    assertRefused(
        "the approved commit "
            + second
            + " is not in the fetched history of myapp (the branch was force-pushed without it)");
    assertThat(head()).isEqualTo(rewritten);
    assertThat(gitFile("ref")).isEqualTo(rewritten + "\n");
  }

  @Test
  void aCommitInTheCloneButNotAnAncestorOfTheFetchedVersionIsRefused() throws Exception {
    git(origin, "checkout", "-q", "-b", "elsewhere", first);
    String aside = commit(origin, "Never merged");
    git(build.resolve("myapp"), "fetch", "-q", "origin", "elsewhere");
    approve(aside);
    assertRefused(
        "the approved commit "
            + aside
            + " is not the fetched version "
            + second
            + " of myapp nor one of its ancestors (the branch was force-pushed without it)");
    assertThat(head()).isEqualTo(second);
  }

  @Test
  void aShallowCloneNamesItsDepth() throws Exception {
    deleteRecursively(build.resolve("myapp"));
    git(build, "clone", "-q", "--depth", "1", "--single-branch", "file://" + origin, "myapp");
    approve(first);
    assertThat(pin(Map.of()).output())
        .contains("is not in the fetched history of myapp")
        .contains("or it lies beyond the shallow clone's depth (raise the get's depth)");
  }

  @Test
  void aCodeInputThatIsNoCheckoutIsRefused() throws Exception {
    approve(first);
    deleteRecursively(build.resolve("myapp/.git"));
    assertRefused("myapp is not a git checkout");
  }

  @Test
  void thePipelinesDocListsEachRefusal() throws Exception {
    String docs =
        Files.readString(
            Path.of(System.getProperty("trafficlight.root", "..")).resolve("docs/PIPELINES.md"),
            StandardCharsets.UTF_8);
    TestGit.Result missing = pin(Map.of());
    approve("1a2b3c4");
    TestGit.Result prefix = pin(Map.of());
    for (TestGit.Result refused : List.of(missing, prefix)) {
      String line = refused.output().strip();
      assertThat(docs)
          .contains(
              line.substring("pin-approved-commit: ".length(), line.indexOf("; nothing was")));
    }
    assertThat(docs)
        .contains("is not in the fetched history of myapp (the branch was force-pushed without it)")
        .contains("of myapp nor one of its ancestors (the branch was force-pushed without it)")
        .contains("`myapp is not a git checkout`");
  }

  static void deleteRecursively(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
