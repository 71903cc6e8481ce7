package trafficlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import trafficlight.gate.ConsumedPrefix;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.ResourceInterface.MetadataKey;
import trafficlight.gate.ResourceInterface.VersionKey;
import trafficlight.localhub.Issue;
import trafficlight.localhub.LocalHub;
import trafficlight.pipeline.Chain;
import trafficlight.pipeline.ChainReader;
import trafficlight.pipeline.PinStep;
import trafficlight.pipeline.Pipelines;
import trafficlight.pipeline.runner.Build;
import trafficlight.pipeline.runner.DemoCodeResource;
import trafficlight.pipeline.runner.LocalRunner;
import trafficlight.pipeline.runner.ResourceProcess;
import trafficlight.pipeline.runner.RunnerListener;

/**
 * {@code trafficlight demo}: a generated CI -> QA -> Production chain for a sample project, run on
 * this machine. localhub stands in for GitHub, the local runner for Concourse (running the
 * generated pipeline YAML and the resource executables of {@code dist/opt/resource}), and a code
 * resource that clones the project's git repository; the board ({@link DemoBoard}) shows what is
 * where and offers Promote. Everything the demo does goes through those public interfaces: the
 * YAML, the executables, localhub's GitHub API.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a generated CI -> QA -> Production chain on this machine: localhub for GitHub, the"
          + " local runner for Concourse.",
      "Interactive by default (you close the gate issues; Ctrl-C ends it); --scripted plays the"
          + " whole cycle and exits."
    })
public final class DemoCommand implements Callable<Integer> {

  static final String REPO = "demo/deploy-gates";
  static final String PIPELINE = "myapp";
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);

  /** The demo's chain file: what a user would write for their own project. */
  static final String CHAIN =
      """
      # The demo's promotion chain (see docs/PIPELINES.md): `trafficlight pipeline` turns it into
      # the Concourse pipeline next to it, which the local runner runs.
      project: myapp
      deployer: Pulumi
      stages: [CI, QA, Production]
      title: "[bot] {deployer} {project} applications.{project}.{stage} deployed."
      issues:
        repository: demo/deploy-gates
        gh_host: ((gh_host))
        access_token: ((github.token))
      code:
      # a demo device standing in for Concourse's git resource: clones of myapp's repository
      - name: myapp
        type: demo-code
        check_every: 1s
      resource_types:
      - name: demo-code
        type: registry-image
        source: {repository: trafficlight/demo-code}
      deploy:
        task: deploy
        config:
          platform: linux
          run:
            path: sh
            args: [-c, 'echo "pulumi up applications.myapp.$STAGE: $(cat myapp/CHANGE)"']
        params: {STAGE: "{stage}"}
      commit_from: myapp
      # each pull request a deploy carries gets one comment, kept current, saying where it is
      pr_comments: true
      labels: [DevOps]
      # closing a gate issue reaches the runner through the webhook relay at once
      relay: true
      """;

  @Option(
      names = "--scripted",
      description =
          "Play the whole cycle unattended: two changes, three people closing issues; exit 0 once"
              + " Production has deployed the change.")
  boolean scripted;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "localhub's port (default: any free one).")
  int port;

  private final PrintStream out = System.out;

  /** A push to the demo's code repository: a real commit, then a new version of the code. */
  private interface Pusher {
    Map<String, String> push(String subject, String author);
  }

  private Pusher pusher;
  private volatile int pullRequest;
  private final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    // the work folder holds a token: it goes however the demo ends, Ctrl-C included
    try (TemporaryFolder folder = TemporaryFolder.create("trafficlight-demo")) {
      return run(folder.path());
    }
  }

  private int run(Path work) throws Exception {
    Path chainFile = Files.writeString(work.resolve("chain.yml"), CHAIN, StandardCharsets.UTF_8);
    Path pipelineFile = work.resolve("pipeline.yml");
    Pipelines.generate(chainFile, pipelineFile);
    Chain chain = ChainReader.read(chainFile);
    try (DemoGitRepository git = DemoGitRepository.create(work.resolve("myapp"));
        LocalHub hub =
            LocalHub.builder()
                .port(port)
                .codeRepository(DemoGitRepository.NAME, git.directory())
                .start()) {
      hub.createRepo(REPO);
      // the checkouts name localhub's copy as origin, so the puts record demo/myapp
      DemoCodeResource code =
          new DemoCodeResource(
              hub.baseUrl() + "/" + DemoGitRepository.NAME + ".git", git.directory());
      pusher =
          (subject, author) -> {
            String sha = git.commit(subject, author);
            if (pullRequest == 0) { // the first change is merged through a pull request
              pullRequest = DemoPullRequest.open(hub, sha, subject, author);
            }
            return code.push(sha, subject);
          };
      String token = hub.createToken("concourse-bot");
      // the work directory is the owner's only (createTempDirectory), so is the token in it
      Path yourToken =
          Files.writeString(
              work.resolve("you.token"), hub.createToken("you"), StandardCharsets.UTF_8);
      Map<String, String> vars =
          Map.of(
              "gh_host",
              hub.baseUrl(),
              "github.token",
              token,
              DemoRelay.TOKEN_VAR,
              DemoRelay.randomSecret());
      try (DemoBoard board = DemoBoard.start(hub.baseUrl(), REPO, chain.title(), token, yourToken);
          CloseTimes closeTimes = CloseTimes.start(hub, REPO)) {
        Printer printer = new Printer(chain, code, scripted ? null : board, closeTimes);
        LocalRunner.Builder runnerBuilder =
            LocalRunner.builder(PIPELINE, Files.readString(pipelineFile))
                .image(Chain.IMAGE, ResourceProcess.fromCheckout())
                .resourceType("demo-code", code)
                .workDir(Files.createDirectories(work.resolve("runner")))
                .listener(printer);
        vars.forEach(runnerBuilder::var);
        try (LocalRunner runner = runnerBuilder.build();
            DemoRelay relay =
                DemoRelay.start(
                    hub,
                    REPO,
                    PIPELINE,
                    pipelineFile,
                    vars,
                    runner.url(),
                    DemoRelay.randomSecret())) {
          out.println("trafficlight demo: a " + chain.stages().size() + "-stage chain for myapp");
          out.println(
              "  localhub (a local GitHub)      "
                  + hub.baseUrl()
                  + "  (gate issues in "
                  + REPO
                  + ")");
          out.println("  the runner (a local Concourse) " + runner.url());
          out.println("  the board (what is where)      " + board.url());
          out.println(
              "  the webhook relay              "
                  + relay.url()
                  + "  (localhub's webhook -> the runner's check webhook)");
          out.println("  chain " + chainFile);
          out.println("  pipeline " + pipelineFile + " (generated from it)");
          out.println();
          runner.start();
          return scripted ? scripted(hub, runner, code, printer, closeTimes) : interactive();
        }
      }
    }
  }

  // ---- unattended: the whole cycle, asserted as it goes

  private int scripted(
      LocalHub hub,
      LocalRunner runner,
      DemoCodeResource code,
      Printer printer,
      CloseTimes closeTimes)
      throws Exception {
    String alice = hub.createToken("alice");
    String bob = hub.createToken("bob");
    String carol = hub.createToken("carol");

    Map<String, String> first = pusher.push("Add the checkout page", "Alice");
    expect(runner.awaitBuild("deploy-ci", 1, BUILD_TIMEOUT));
    int ciIssue = printer.lastIssue("CI");
    closeAs(hub, "alice", alice, ciIssue, closeTimes);
    expect(runner.awaitBuild("deploy-qa", 1, BUILD_TIMEOUT));
    int qaIssue = printer.lastIssue("QA");

    Map<String, String> second = pusher.push("Fix the cart total", "Bob");
    expect(runner.awaitBuild("deploy-ci", 2, BUILD_TIMEOUT));
    closeAs(hub, "bob", bob, printer.lastIssue("CI"), closeTimes);
    expect(runner.awaitBuild("deploy-qa", 2, BUILD_TIMEOUT));
    if (printer.lastIssue("QA") != qaIssue
        || !MetadataKey.COMMENTED.equals(printer.lastAction("QA"))) {
      out.println("FAILED: QA's second build did not comment on the open issue #" + qaIssue);
      return 1;
    }

    // QA has tested both builds; carol ships the older one, as a collaborator may
    hub.addCollaborator(REPO, "carol");
    commentAs(hub, carol, qaIssue, "/promote " + short7(first));
    out.println(
        "* carol comments \"/promote "
            + short7(first)
            + "\" on #"
            + qaIssue
            + ": of the two builds QA deployed, she approves the older one");
    closeAs(hub, "carol", carol, qaIssue, closeTimes);
    Build production = expect(runner.awaitBuild("deploy-production", 1, BUILD_TIMEOUT));

    out.println();
    out.println("The gate issues in " + REPO + ":");
    for (Issue issue : hub.issues(REPO)) {
      out.printf(
          Locale.ROOT,
          "  #%-3d %-7s %-76s %s%n",
          issue.number(),
          issue.state(),
          issue.title(),
          String.join(",", issue.labels()));
    }
    out.println();
    String shipped = shippedCommit(hub, printer.lastIssue("Production"));
    if (!first.get("ref").equals(shipped)) {
      out.println(
          "FAILED: Production shipped "
              + shipped
              + ", not the build carol chose, "
              + first.get("ref")
              + " (its code input fetched "
              + short7(production.inputs().get("myapp"))
              + ")");
      return 1;
    }
    out.println(
        "Production shipped \""
            + code.subject(first)
            + "\" ("
            + short7(first)
            + "), the build carol chose with /promote, not the newer \""
            + code.subject(second)
            + "\" ("
            + short7(second)
            + ") that QA also deployed: every step ran the generated pipeline's"
            + " dist/opt/resource/{check,in,out} and its pin step.");
    out.println();
    Optional<String> note = DemoPullRequest.note(hub, pullRequest);
    if (note.isEmpty() || DemoPullRequest.comments(hub, pullRequest) != 2) {
      out.println(
          "FAILED: pull request "
              + DemoGitRepository.NAME
              + "#"
              + pullRequest
              + " lacks its note or the arrival comment");
      return 1;
    }
    out.println(
        "The comment on pull request "
            + DemoGitRepository.NAME
            + "#"
            + pullRequest
            + " (\""
            + code.subject(first)
            + "\"), kept current by every deploy; Production also added a short comment,"
            + " which notifies its author:");
    note.get().lines().forEach(line -> out.println("  | " + line));
    out.println();
    String token = hub.createToken("demo-reader");
    return DemoWhere.check(hub.baseUrl(), REPO, token, first.get("ref"), second.get("ref"), out)
        ? 0
        : 1;
  }

  /** The commit a deploy recorded on its gate issue: what shipped, as the board reads it. */
  private static String shippedCommit(LocalHub hub, int issue) {
    List<DeployRecord> records = DeployRecord.readAll(hub.issue(REPO, issue).body());
    return records.isEmpty() ? null : records.get(records.size() - 1).commit();
  }

  /** A person comments on a gate issue through the GitHub API, with their own token. */
  private void commentAs(LocalHub hub, String token, int issue, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> commented =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(hub.baseUrl() + "/repos/" + REPO + "/issues/" + issue + "/comments"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        MAPPER.writeValueAsString(Map.of("body", body))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (commented.statusCode() != 201) {
      throw new IllegalStateException(
          "commenting on #" + issue + " answered " + commented.statusCode());
    }
  }

  private Build expect(Build build) {
    if (build.status() != Build.Status.SUCCEEDED) {
      throw new IllegalStateException(label(build) + " failed: see " + build.url());
    }
    return build;
  }

  /**
   * A person closes a gate issue through the GitHub API, with their own token; localhub's webhook
   * tells the relay, which tells the runner to check the next stage's trigger at once.
   */
  private void closeAs(LocalHub hub, String login, String token, int issue, CloseTimes closeTimes)
      throws IOException, InterruptedException {
    HttpResponse<String> closed =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(hub.baseUrl() + "/repos/" + REPO + "/issues/" + issue))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\":\"closed\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    closeTimes.closed(issue);
    if (closed.statusCode() != 200) {
      throw new IllegalStateException("closing #" + issue + " answered " + closed.statusCode());
    }
    out.println("* " + login + " closes #" + issue + ": the go-ahead");
  }

  // ---- interactive: the user closes the issues

  private int interactive() throws InterruptedException {
    out.println("Pushing a change to myapp; CI deploys it and opens a gate issue.");
    out.println(
        "Press Enter (or type a commit message) to push another change; Ctrl-C ends the demo.");
    out.println();
    pusher.push("Add the checkout page", "Alice");
    out.println(
        "It was merged through pull request "
            + DemoGitRepository.NAME
            + "#"
            + pullRequest
            + ": every deploy keeps one comment there saying where it is.");
    out.println();
    CountDownLatch end = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(end::countDown));
    Thread input =
        new Thread(
            () -> {
              AtomicInteger n = new AtomicInteger(1);
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  pusher.push(
                      line.isBlank() ? "Change " + n.incrementAndGet() : line.strip(), "You");
                }
              } catch (IOException ignored) {
                // no console: the user closes issues only
              }
            },
            "demo-input");
    input.setDaemon(true);
    input.start();
    end.await();
    return 0;
  }

  // ---- what happens, as it happens

  private final class Printer implements RunnerListener {
    private final Chain chain;
    private final DemoCodeResource code;
    private final DemoBoard guide;
    private final CloseTimes closeTimes;
    private final boolean interactive;
    private final Map<String, Integer> lastIssue = new ConcurrentHashMap<>();
    private final Map<String, String> lastAction = new ConcurrentHashMap<>();
    private final Map<Long, String> approvedCommit = new ConcurrentHashMap<>();

    /**
     * With a {@code guide} (an interactive run), each put is followed by the ways a person gives
     * the go-ahead; a scripted run has none.
     */
    Printer(Chain chain, DemoCodeResource code, DemoBoard guide, CloseTimes closeTimes) {
      this.chain = chain;
      this.code = code;
      this.guide = guide;
      this.closeTimes = closeTimes;
      this.interactive = guide != null;
    }

    int lastIssue(String stage) {
      return lastIssue.getOrDefault(stage, -1);
    }

    String lastAction(String stage) {
      return lastAction.get(stage);
    }

    private Chain.Stage stageOfJob(String job) {
      return chain.stages().stream().filter(s -> s.job().equals(job)).findFirst().orElseThrow();
    }

    @Override
    public void versionsFound(String resource, List<Map<String, String>> versions) {
      if (resource.equals("myapp")) {
        versions.forEach(
            v -> say("myapp", "new commit " + short7(v) + " \"" + code.subject(v) + "\""));
      } else {
        for (Chain.Stage stage : chain.stages()) {
          if (stage.triggerResource().equals(resource)) {
            versions.forEach(
                v ->
                    say(
                        stage.name(),
                        "issue #"
                            + v.get(VersionKey.ISSUE_NUMBER.key())
                            + " closed: promotion approved"));
          }
        }
      }
    }

    @Override
    public void checkFailed(String resource, String message) {
      say(resource, "check failed: " + message);
    }

    @Override
    public void buildStarted(Build build) {
      Chain.Stage stage = stageOfJob(build.job());
      sayHowLongSinceTheClose(stage, build);
      if (pinned(stage)) {
        say(stage.name(), label(build) + " started");
        return;
      }
      Map<String, String> commit = build.inputs().get("myapp");
      say(
          stage.name(),
          label(build)
              + " started: deploying "
              + short7(commit)
              + " \""
              + code.subject(commit)
              + "\"");
    }

    /** Whether the stage's job checks out the approved commit instead of what it fetched. */
    private boolean pinned(Chain.Stage stage) {
      return chain.pinImage() != null && chain.stages().indexOf(stage) > 0;
    }

    /** What the pin step checked out: the approved commit, and what the code input had fetched. */
    private void sayWhatIsDeployed(Build build, Chain.Stage stage) {
      String commit = approvedCommit.remove(build.id());
      if (commit == null) {
        return;
      }
      Map<String, String> fetched = build.inputs().get("myapp");
      String line =
          label(build)
              + " deploying the approved "
              + commit.substring(0, 7)
              + " \""
              + code.subject(Map.of("ref", commit))
              + "\"";
      if (fetched != null && !commit.equals(fetched.get("ref"))) {
        line += ", not the newer " + short7(fetched) + " its code input fetched";
      }
      say(stage.name(), line);
    }

    @Override
    public void stepFinished(
        Build build,
        String kind,
        String name,
        Map<String, String> version,
        Map<String, String> metadata) {
      Chain.Stage stage = stageOfJob(build.job());
      if (kind.equals("get") && version.containsKey(VersionKey.ISSUE_NUMBER.key())) {
        String commit = metadata.get(MetadataKey.APPROVED_COMMIT.key());
        if (commit != null) {
          approvedCommit.put(build.id(), commit);
        }
        say(
            stage.name(),
            "consumed issue #"
                + version.get(VersionKey.ISSUE_NUMBER.key())
                + " (renamed "
                + ConsumedPrefix.add("", Integer.toString(build.number()))
                + ")"
                + (commit == null
                    ? ""
                    : ": "
                        + metadata.get(MetadataKey.APPROVED_BY.key())
                        + " approved "
                        + commit.substring(0, 7)));
      } else if (kind.equals("task") && name.equals(PinStep.NAME)) {
        sayWhatIsDeployed(build, stage);
      } else if (kind.equals("put")) {
        int number = Integer.parseInt(metadata.get(MetadataKey.NUMBER.key()));
        lastIssue.put(stage.name(), number);
        lastAction.put(stage.name(), metadata.get(MetadataKey.ACTION.key()));
        say(
            stage.name(),
            label(build)
                + " "
                + metadata.get(MetadataKey.ACTION.key())
                + " #"
                + number
                + " \""
                + metadata.get(MetadataKey.TITLE.key())
                + "\"");
        int index = chain.stages().indexOf(stage);
        if (interactive && index + 1 < chain.stages().size()) {
          howToPromote(number, chain.stages().get(index + 1).name());
        }
      }
    }

    @Override
    public void stepFailed(Build build, String kind, String name, String message) {
      say(stageOfJob(build.job()).name(), kind + " " + name + " failed: " + message);
    }

    @Override
    public void buildFinished(Build build) {
      Chain.Stage stage = stageOfJob(build.job());
      say(
          stage.name(),
          label(build) + " " + build.status().name().toLowerCase(Locale.ROOT) + "  " + build.url());
      if (interactive
          && build.status() == Build.Status.SUCCEEDED
          && chain.stages().indexOf(stage) == chain.stages().size() - 1) {
        say(stage.name(), "the change reached Production. Push another (Enter) or Ctrl-C to end.");
      }
    }

    /** How long the promotion took: from the gate issue's close to this build's start. */
    private void sayHowLongSinceTheClose(Chain.Stage stage, Build build) {
      int index = chain.stages().indexOf(stage);
      if (index == 0) {
        return;
      }
      Map<String, String> trigger =
          build.inputs().get(chain.stages().get(index - 1).triggerResource());
      if (trigger == null || trigger.get(VersionKey.ISSUE_NUMBER.key()) == null) {
        return;
      }
      int issue = Integer.parseInt(trigger.get(VersionKey.ISSUE_NUMBER.key()));
      closeTimes
          .sinceClose(issue)
          .ifPresent(
              nanos ->
                  say(
                      stage.name(),
                      String.format(
                          Locale.ROOT, "started %.1f s after #%d was closed", nanos / 1e9, issue)));
    }

    /** One block, never torn by what other threads print meanwhile. */
    private void howToPromote(int issue, String nextStage) {
      List<String> ways = guide.howToPromote(issue);
      synchronized (out) {
        out.println();
        out.println(
            "  Next: close #" + issue + " to promote to " + nextStage + ", as a person would:");
        ways.forEach(line -> out.println("    " + line));
        out.println(
            "  localhub's webhook tells the relay, the relay tells the runner: "
                + nextStage
                + " starts at once.");
        out.println();
      }
    }

    private void say(String stage, String text) {
      synchronized (out) {
        out.printf(Locale.ROOT, "%-11s %s%n", stage, text);
      }
    }
  }

  /** A build as Concourse names it: {@code deploy-qa #4}. */
  private static String label(Build build) {
    return build.job() + " #" + build.number();
  }

  private static String short7(Map<String, String> version) {
    return version == null ? "?" : version.get("ref").substring(0, 7);
  }
}
