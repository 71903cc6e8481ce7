package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.GitHubContract;
import trafficlight.localhub.RecordedRequest;

/**
 * check's response cache in the reused check container, against localhub: {@code TMPDIR} points at
 * a directory of the test's own, as Concourse's container would at its temporary directory.
 */
class CheckCacheTest extends AgainstLocalHub {

  @TempDir Path tmpdir;

  /** GitHub answers conditional list requests with 304, which its description leaves out. */
  @Override
  GitHubContract contract() {
    return super.contract().allowingUndocumentedStatus(304);
  }

  List<Integer> statuses() {
    return hub.requests().stream().map(RecordedRequest::status).toList();
  }

  RecordedRequest lastRequest() {
    List<RecordedRequest> all = hub.requests();
    return all.get(all.size() - 1);
  }

  int remaining(RecordedRequest r) {
    return Integer.parseInt(r.responseHeader("x-ratelimit-remaining"));
  }

  List<Path> cacheFiles() throws IOException {
    return filesIn(tmpdir);
  }

  /** The one cache file there is after a check that knows {@code latest}. */
  Path theCacheFileAfterChecking(Map<String, String> latest) throws IOException {
    check(trigger(), latest, tmpdir);
    List<Path> files = cacheFiles();
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  Map<String, String> closedGate() {
    int number = open(TITLE);
    close(number);
    Run first = check(trigger(), null, tmpdir);
    assertThat(first.exit()).as(first.toString()).isZero();
    return first.versions().get(0);
  }

  @Test
  void aSecondCheckWithNothingChangedIsAnsweredByA304WithTheSameVersions() {
    int number = open(TITLE);
    close(number);

    Run first = check(trigger(), null, tmpdir);
    Run second = check(trigger(), null, tmpdir);
    Map<String, String> latest = first.versions().get(0);
    Run third = check(trigger(), latest, tmpdir);
    Run fourth = check(trigger(), latest, tmpdir);

    assertThat(first.issueNumbers()).containsExactly((long) number);
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(third.versions()).containsExactly(latest);
    assertThat(fourth.stdout()).isEqualTo(third.stdout());
    assertThat(statuses()).containsExactly(200, 304, 200, 304);
    assertThat(hub.requests().get(1).header("If-None-Match"))
        .isEqualTo(hub.requests().get(0).responseHeader("etag"));
    assertThat(first.stderr() + second.stderr() + third.stderr() + fourth.stderr()).isEmpty();
  }

  @Test
  void the304IsNotCountedAgainstTheRateLimit() {
    Map<String, String> latest = closedGate();
    check(trigger(), latest, tmpdir);
    int afterTheListing = remaining(lastRequest());

    for (int i = 0; i < 5; i++) {
      check(trigger(), latest, tmpdir);
      assertThat(lastRequest().status()).isEqualTo(304);
      assertThat(remaining(lastRequest())).isEqualTo(afterTheListing);
    }

    // the next counted request is the first to use the limit since the listing
    int number = open(TITLE);
    close(number);
    check(trigger(), latest, tmpdir);
    assertThat(lastRequest().status()).isEqualTo(200);
    assertThat(remaining(lastRequest())).isEqualTo(afterTheListing - 1);
  }

  @Test
  void anIssueClosedAfterA304IsSeenByTheNextCheck() {
    Map<String, String> latest = closedGate();
    check(trigger(), latest, tmpdir);
    assertThat(check(trigger(), latest, tmpdir).versions()).containsExactly(latest);
    assertThat(lastRequest().status()).isEqualTo(304);

    int next = open(TITLE);
    close(next);
    Run run = check(trigger(), latest, tmpdir);

    assertThat(lastRequest().status()).isEqualTo(200);
    assertThat(run.versions().get(0)).isEqualTo(latest);
    assertThat(run.issueNumbers()).endsWith((long) next).hasSize(2);
    // and the new listing is what the cache now holds
    Map<String, String> newest = run.versions().get(1);
    check(trigger(), newest, tmpdir);
    assertThat(check(trigger(), newest, tmpdir).versions()).containsExactly(newest);
    assertThat(lastRequest().status()).isEqualTo(304);
  }

  @Test
  void aRelabelledIssueIsNotAnsweredFromTheCache() {
    Map<String, Object> source = trigger("skip_if_labeled", List.of("skip-me"));
    int number = open(TITLE);
    close(number);
    assertThat(check(source, null, tmpdir).issueNumbers()).containsExactly((long) number);
    assertThat(check(source, null, tmpdir).issueNumbers()).containsExactly((long) number);
    assertThat(lastRequest().status()).isEqualTo(304);

    hub.addLabels(REPO, number, "skip-me");
    Run run = check(source, null, tmpdir);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(lastRequest().status()).isEqualTo(200);
    assertThat(run.versions()).isEmpty();
  }

  @Test
  void aCorruptOrTruncatedCacheFileIsIgnoredSilently() throws IOException {
    Map<String, String> latest = closedGate();
    Path file = theCacheFileAfterChecking(latest);
    String valid = Files.readString(file);

    for (String damaged :
        List.of("\u0000garbage{", valid.substring(0, valid.length() / 2), "", "{}")) {
      Files.writeString(file, damaged);
      hub.clearRequests();

      Run run = check(trigger(), latest, tmpdir);

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.stderr()).isEmpty();
      assertThat(run.versions()).containsExactly(latest);
      assertThat(statuses()).as("an unconditional request").containsExactly(200);
      assertThat(hub.requests().get(0).header("If-None-Match")).isNull();
    }
    // the damaged file was replaced by a good one
    check(trigger(), latest, tmpdir);
    assertThat(lastRequest().status()).isEqualTo(304);
  }

  @Test
  void eachConfigurationHasItsOwnCacheAndAnotherConfigurationsFileIsNotUsed() throws IOException {
    Map<String, String> latest = closedGate();
    check(trigger(), latest, tmpdir);
    Path qaFile = cacheFiles().get(0);

    Map<String, Object> other = trigger("labels", List.of("promotion-to-production"));
    Path otherFile = tmpdir.resolve(qaFile.getFileName().toString().replace(".json", "-x.json"));
    // even another configuration's file under this configuration's name is ignored
    Files.move(qaFile, otherFile);
    check(other, null, tmpdir);
    List<Path> files = cacheFiles();
    assertThat(files).hasSize(2);
    Path newFile = files.stream().filter(f -> !f.equals(otherFile)).findFirst().orElseThrow();
    Files.copy(otherFile, newFile, StandardCopyOption.REPLACE_EXISTING);
    hub.clearRequests();

    Run run = check(other, null, tmpdir);

    assertThat(run.versions()).isEmpty();
    assertThat(statuses()).containsExactly(200);
  }

  @Test
  void theCacheFileHoldsNoToken() throws IOException {
    Path file = theCacheFileAfterChecking(closedGate());

    String content = Files.readString(file);
    assertThat(content).contains("\"etag\"").doesNotContain(token);
    assertThat(file.getFileName().toString()).doesNotContain(token);
  }

  @Test
  void inAndOutKeepNoCache() throws IOException {
    Map<String, String> env = new LinkedHashMap<>(build("7"));
    env.put("TMPDIR", tmpdir.toString());
    Map<String, Object> put = new LinkedHashMap<>();
    put.put("source", post());
    put.put("params", Map.of());
    Run out = run("out", put, env, directory("put"));
    assertThat(out.exit()).as(out.toString()).isZero();
    Map<String, Object> get = new LinkedHashMap<>();
    get.put("source", post());
    get.put("version", out.version());
    get.put("params", Map.of());
    Run in = run("in", get, env, directory("get"));
    assertThat(in.exit()).as(in.toString()).isZero();

    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void aCacheDirectoryThatCannotBeWrittenCostsOnlyThe304() throws IOException {
    int number = open(TITLE);
    close(number);
    Path notADirectory = Files.writeString(tmpdir.resolve("file"), "x");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", trigger());
    Run first = run("check", request, Map.of("TMPDIR", notADirectory.toString()));
    Run second = run("check", request, Map.of("TMPDIR", notADirectory.toString()));

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(first.stderr() + second.stderr()).isEmpty();
    assertThat(statuses()).containsExactly(200, 200);
  }
}
