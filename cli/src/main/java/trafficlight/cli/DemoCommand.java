package trafficlight.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import trafficlight.localhub.Issue;
import trafficlight.localhub.LocalHub;

/**
 * {@code trafficlight demo}: the traffic light for one project with stages CI, QA and Production,
 * on this machine. localhub stands in for GitHub; the resource executables of {@code
 * dist/opt/resource} run each step exactly as Concourse would run them.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a CI -> QA -> Production promotion through GitHub issues on localhub.")
public final class DemoCommand implements Callable<Integer> {

  static final String REPO = "demo/deploy-gates";
  static final List<String> STAGES = List.of("CI", "QA", "Production");

  @Option(names = "--keep-running", description = "Keep localhub up afterwards, to look around.")
  boolean keepRunning;

  private final PrintStream out = System.out;
  private LocalHub hub;
  private String token;
  private ResourceProcess resource;
  private Path work;
  private final Map<String, Integer> builds = new LinkedHashMap<>();
  private int processes;

  @Override
  public Integer call() throws Exception {
    resource = ResourceProcess.fromCheckout();
    work = Files.createTempDirectory("trafficlight-demo");
    hub = LocalHub.start();
    try {
      hub.createRepo(REPO);
      token = hub.createToken("concourse-bot");
      out.println("localhub (a local GitHub) at " + hub.baseUrl() + ", gate issues in " + REPO);
      out.println();
      run();
      if (keepRunning) {
        out.println();
        out.println(
            "localhub keeps running at "
                + hub.baseUrl()
                + " (token "
                + token
                + "); Ctrl-C ends it.");
        Thread.currentThread().join();
      }
      return 0;
    } finally {
      hub.close();
    }
  }

  private void run() throws IOException {
    step("a change to myapp deploys to CI");
    int ci = deploy("CI", nextBuild("CI"));
    step("another change deploys to CI before anyone promoted the first");
    deploy("CI", nextBuild("CI"));
    say(
        "#"
            + ci
            + " now lists "
            + (hub.issue(REPO, ci).comments().size() + 1)
            + " builds waiting for QA");

    step("QA's trigger resource checks: the CI issue is still open, so nothing triggers");
    say("check returned " + check("CI", null).size() + " versions");

    int qa = deploy("QA", promote(ci, "alice", "QA"));
    int production = deploy("Production", promote(qa, "bob", "Production"));

    step("the board of gate issues");
    for (Issue issue : hub.issues(REPO)) {
      out.printf(
          "  #%-3d %-7s %-45s %s%n",
          issue.number(), issue.state(), issue.title(), String.join(",", issue.labels()));
    }
    out.println();
    out.println(
        "Production deployed the change: issue #"
            + production
            + " is labelled finalized-deployment. Every step ran dist/opt/resource/{check,in,out}.");
  }

  /**
   * A person closes the stage's issue; the next stage's job checks and gets (consumes) it.
   *
   * @return the build of the next stage's deploy job that this triggered
   */
  private String promote(int issue, String person, String nextStage) {
    String stage = STAGES.get(STAGES.indexOf(nextStage) - 1);
    step(person + " closes #" + issue + ": the go-ahead to deploy to " + nextStage);
    hub.closeIssue(REPO, issue, person);
    List<Map<String, String>> versions = check(stage, null);
    Map<String, String> version = versions.get(versions.size() - 1);
    say(
        "check found version issue_number="
            + version.get("issue_number")
            + " closed at "
            + version.get("issue_closed_at")
            + ": deploy-"
            + nextStage.toLowerCase()
            + " triggers");
    String build = nextBuild(nextStage);
    get(stage, version, nextStage, build);
    say(
        "get wrote gh_issue.json and renamed #"
            + issue
            + " to \""
            + hub.issue(REPO, issue).title()
            + "\"");
    say(
        "checking again returns only the same version: "
            + check(stage, version).size()
            + " version, no second trigger");
    return build;
  }

  /**
   * The deploy job of a stage succeeded: its on_success put opens or comments the stage's issue.
   */
  private int deploy(String stage, String build) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", postSource(stage));
    request.put("params", Map.of());
    ResourceProcess.Response response =
        resource.run("out", request, env(stage, build), directory("put-" + build));
    Map<String, String> metadata = metadata(response.json());
    say(
        "deploy-"
            + stage.toLowerCase()
            + " build "
            + build
            + " succeeded; its put "
            + metadata.get("action")
            + " #"
            + metadata.get("number")
            + " \""
            + metadata.get("title")
            + "\"");
    return Integer.parseInt(metadata.get("number"));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, String>> check(String stage, Map<String, String> version) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", triggerSource(stage));
    request.put("version", version);
    return (List<Map<String, String>>) resource.run("check", request, Map.of(), null).json();
  }

  private void get(String stage, Map<String, String> version, String job, String build) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", triggerSource(stage));
    request.put("version", version);
    request.put("params", Map.of());
    resource.run("in", request, env(job, build), directory("get-" + ++processes));
  }

  /** Concourse numbers builds per job. */
  private String nextBuild(String stage) {
    return Integer.toString(builds.merge(stage, 1, Integer::sum));
  }

  private Map<String, Object> triggerSource(String stage) {
    Map<String, Object> source = connection();
    source.put("issue_state", "closed");
    source.put("issue_prefix", prefix(stage));
    return source;
  }

  private Map<String, Object> postSource(String stage) {
    Map<String, Object> source = connection();
    source.put("issue_state", "open");
    source.put("issue_prefix", prefix(stage));
    source.put("issue_title_template", prefix(stage) + " deployed.");
    int next = STAGES.indexOf(stage) + 1;
    source.put(
        "labels",
        List.of(
            "pipeline-workflow",
            next < STAGES.size()
                ? "promotion-to-" + STAGES.get(next).toLowerCase()
                : "finalized-deployment"));
    return source;
  }

  private Map<String, Object> connection() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repository", REPO);
    source.put("gh_host", hub.baseUrl());
    source.put("access_token", token);
    return source;
  }

  private static String prefix(String stage) {
    return "[bot] Pulumi myapp applications.myapp." + stage;
  }

  private static Map<String, String> env(String stage, String build) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUILD_ID", build);
    env.put("BUILD_NAME", build);
    env.put("BUILD_JOB_NAME", "deploy-" + stage.toLowerCase());
    env.put("BUILD_PIPELINE_NAME", "myapp");
    env.put("BUILD_TEAM_NAME", "main");
    env.put("ATC_EXTERNAL_URL", "http://localhost:8080");
    return env;
  }

  private Path directory(String name) {
    try {
      return Files.createDirectories(work.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> metadata(Object response) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Object pair : (List<Object>) ((Map<String, Object>) response).get("metadata")) {
      Map<String, String> m = (Map<String, String>) pair;
      metadata.put(m.get("name"), m.get("value"));
    }
    return metadata;
  }

  private void step(String text) {
    out.println("* " + text);
  }

  private void say(String text) {
    out.println("    " + text);
  }
}
