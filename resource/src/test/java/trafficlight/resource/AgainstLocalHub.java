package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.GitHubContract;
import trafficlight.json.Json;
import trafficlight.localhub.Exchanges;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;
import trafficlight.localhub.RecordedRequest;

/**
 * Runs the resource in-process, over real HTTP, against a fresh localhub per test; afterwards every
 * request the resource sent and every response localhub gave must conform to GitHub's OpenAPI
 * description.
 */
abstract class AgainstLocalHub {

  static final String REPO = "acme/gates";
  static final String PREFIX = "[bot] Pulumi myapp applications.myapp.QA";
  static final String TITLE = PREFIX + " deployed.";

  /**
   * When this test's localhub clock starts: the current minute, so that localhub's times agree with
   * the wall clock its HTTP server stamps in the {@code Date} header (rate-limit resets are
   * computed against it) and with the resource's own clock.
   */
  final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  LocalHub hub;
  String token;
  @TempDir Path work;

  /** The description the exchanges are held to; fault tests allow the statuses they inject. */
  GitHubContract contract() {
    return GitHubContract.apiGitHubCom().validatingRepositoryIdIssuesAsRepoIssues();
  }

  /** localhub's clock: fixed, so tests set every time; moved on by {@link #tick()}. */
  MovableClock clock() {
    return MovableClock.fixed(startedAt);
  }

  @BeforeEach
  void startHub() {
    hub = LocalHub.builder().clock(clock()).start();
    hub.createRepo(REPO);
    token = hub.createToken("ci-bot");
  }

  /** Everything the resource printed in this test. */
  final List<Run> runs = Collections.synchronizedList(new ArrayList<>());

  /** Secrets that must appear in no output. */
  final List<String> secrets = new ArrayList<>();

  @AfterEach
  void holdExchangesToGitHubsContract() {
    try {
      secrets.add(token);
      for (Run run : runs) {
        for (String secret : secrets) {
          for (String form : leakedForms(secret)) {
            assertThat(run.stdout() + run.stderr())
                .as("output must not leak a secret")
                .doesNotContain(form);
          }
        }
      }
      GitHubContract contract = contract();
      for (RecordedRequest request : hub.requests()) {
        if (request.status() == 0 || request.fault() != null) {
          // no response, or one a test injected on purpose: only the request is held to it
          assertThat(contract.requestViolations(Exchanges.of(request))).isEmpty();
        } else {
          contract.assertConforms(Exchanges.of(request));
        }
      }
    } finally {
      hub.close();
    }
  }

  /** Moves localhub's clock on by a minute, so that events get distinct times. */
  void tick() {
    hub.clock().advance(Duration.ofMinutes(1));
  }

  /** Opens an issue as the bot, then a minute passes. */
  int open(String title, String... labels) {
    int number = hub.createIssue(REPO, title, "body", List.of(labels), "ci-bot");
    tick();
    return number;
  }

  /** Closes an issue as a person, then a minute passes. */
  /** alice closes the issues, in this order, a tick apart. */
  void close(int... numbers) {
    for (int number : numbers) {
      hub.closeIssue(REPO, number, "alice");
      tick();
    }
  }

  /** A secret as it could leak: as is, URL-encoded, base64-encoded. */
  static List<String> leakedForms(String secret) {
    return List.of(
        secret,
        URLEncoder.encode(secret, StandardCharsets.UTF_8),
        Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
  }

  Map<String, Object> source(Object... keyValues) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repository", REPO);
    source.put("gh_host", hub.baseUrl());
    source.put("access_token", token);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] == null) {
        source.remove((String) keyValues[i]);
      } else {
        source.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return source;
  }

  /** A trigger resource: closed issues with the QA prefix. */
  Map<String, Object> trigger(Object... keyValues) {
    return source(
        concat(new Object[] {"issue_prefix", PREFIX, "issue_state", "closed"}, keyValues));
  }

  /** A post resource: opens the QA issue. */
  Map<String, Object> post(Object... keyValues) {
    Object[] defaults = {
      "issue_state",
      "open",
      "issue_prefix",
      PREFIX,
      "issue_title_template",
      TITLE,
      "labels",
      List.of("pipeline-workflow", "promotion-to-production")
    };
    return source(concat(defaults, keyValues));
  }

  private static Object[] concat(Object[] defaults, Object[] overrides) {
    Object[] all = Arrays.copyOf(defaults, defaults.length + overrides.length);
    System.arraycopy(overrides, 0, all, defaults.length, overrides.length);
    return all;
  }

  static Map<String, String> build(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUILD_ID", "10" + name);
    env.put("BUILD_NAME", name);
    env.put("BUILD_JOB_NAME", "deploy-qa");
    env.put("BUILD_PIPELINE_NAME", "myapp");
    env.put("BUILD_TEAM_NAME", "main");
    env.put("ATC_EXTERNAL_URL", "https://ci.example.com");
    return env;
  }

  Run check(Map<String, Object> source, Map<String, String> version) {
    return check(source, version, Map.of());
  }

  /** A check in a container whose temporary directory, where its cache lives, is {@code tmpdir}. */
  Run check(Map<String, Object> source, Map<String, String> version, Path tmpdir) {
    return check(source, version, Map.of("TMPDIR", tmpdir.toString()));
  }

  private Run check(
      Map<String, Object> source, Map<String, String> version, Map<String, String> env) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("version", version);
    return run("check", request, env);
  }

  static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  /** Registers the {@link GitHubApp} with {@code key}'s public half, installed on the gates. */
  void installApp(KeyPair key) {
    hub.registerApp(GitHubApp.ID, (RSAPublicKey) key.getPublic());
    hub.installApp(GitHubApp.ID, GitHubApp.INSTALLATION, REPO);
  }

  Run in(
      Map<String, Object> source,
      Map<String, String> version,
      Map<String, Object> params,
      Map<String, String> env) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("version", version);
    request.put("params", params);
    return run("in", request, env, directory("get"));
  }

  Run out(Map<String, Object> source, Map<String, Object> params, Map<String, String> env) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("params", params);
    return run("out", request, env, directory("put"));
  }

  Path directory(String name) {
    try {
      return Files.createDirectories(work.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Run run(String command, Object request, Map<String, String> env, Path... dir) {
    return runRaw(command, Json.write(request), env, dir);
  }

  /** How the resource runs: in this JVM (fast) unless a test class runs the dist/ executables. */
  ResourceRunner runner() {
    return ResourceRunner.IN_PROCESS;
  }

  Run runRaw(String command, String stdin, Map<String, String> env, Path... dir) {
    List<String> args = dir.length == 0 ? List.of() : List.of(dir[0].toString());
    Run run = runner().run(command, stdin, env, args);
    runs.add(run);
    return run;
  }

  /**
   * A failure is a non-zero exit, nothing on stdout, and one error line on stderr, the last (lines
   * before it may log retries).
   */
  static void assertFailedWithOneLine(Run run, String expected) {
    assertThat(run.exit()).as(run.toString()).isNotZero();
    assertThat(run.stdout()).as(run.toString()).isEmpty();
    List<String> lines = run.stderr().lines().toList();
    assertThat(lines).as(run.toString()).filteredOn(l -> l.startsWith("error: ")).hasSize(1);
    assertThat(lines.get(lines.size() - 1))
        .as(run.toString())
        .startsWith("error: ")
        .contains(expected);
  }
}
