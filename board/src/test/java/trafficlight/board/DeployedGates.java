package trafficlight.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;
import trafficlight.pipeline.Chain;
import trafficlight.pipeline.ChainException;
import trafficlight.pipeline.ChainReader;
import trafficlight.pipeline.PipelineGenerator;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.Resource;
import trafficlight.resource.protocol.Version;
import trafficlight.resource.steps.IssueGateResource;

/**
 * Gate issues in localhub, written as a generated pipeline writes them: each deploy is the real
 * resource's put, with the source and params the generator gives that stage's post resource, and
 * each promotion the real resource's check and get of the trigger resource. Only shapes the
 * resource never writes (mitodl's older issues, a person's issue) are typed by hand.
 */
public final class DeployedGates implements AutoCloseable {

  public static final String REPO = "acme/deploy-gates";
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  /** The chain of every project here: the stages differ, the rest is mitodl's Pulumi chain. */
  private static final String CHAIN =
      """
      project: %s
      deployer: Pulumi
      stages: [%s]
      title: "[bot] {deployer} {project} applications.{project}.{stage} deployed."
      issues: {repository: %s, access_token: ((github.token))}
      code:
      - name: %s
        type: git
        source: {uri: https://github.com/acme/%s.git, branch: main}
      deploy:
        task: deploy
        file: %s/ci/deploy.yml
      labels: [product:infrastructure]
      commit_from: %s
      """;

  /** Each project's stages, as the chain file lists them. */
  private static final Map<String, String> STAGES =
      Map.of(
          "myapp",
          "CI, QA, Production",
          "shop",
          "QA, Production",
          // who may promote to Production is restricted, and the records say so
          "payments",
          "QA, {name: Production, approvers: [alice, \"@acme/release\"]}",
          "ledger",
          "QA, {name: Production, approvers: [alice], forbid_self_approval: true}",
          "vault",
          "QA, {name: Production, approvers: [\"@acme/relase\"]}");

  public final LocalHub hub;

  /** The board's token. */
  public final String token;

  /** The pipeline's token: its puts and gets act as ci-bot. */
  private final String ciToken;

  private final Path checkouts;

  /** The code repository the checkouts' origin names, or null: their origin is not known. */
  private final String codeRepository;

  private final Map<String, GeneratedPipeline> pipelines = new HashMap<>();

  DeployedGates() {
    this(LocalHub.builder(), null);
  }

  /**
   * Gates in a localhub that also serves {@code codeRepository} from the git repository {@code
   * git}.
   */
  public DeployedGates(String codeRepository, Path git) {
    this(LocalHub.builder().codeRepository(codeRepository, git), codeRepository);
  }

  private DeployedGates(LocalHub.Builder builder, String codeRepository) {
    this.codeRepository = codeRepository;
    hub = builder.clock(MovableClock.fixed(T0)).start();
    hub.createRepo(REPO);
    token = hub.createToken("board-bot");
    ciToken = hub.createToken("ci-bot");
    try {
      checkouts = Files.createTempDirectory("deployed-gates");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void advance(Duration d) {
    hub.clock().advance(d);
  }

  static String title(String project, String stage) {
    return "[bot] Pulumi " + project + " applications." + project + "." + stage + " deployed.";
  }

  public static String sha(char c) {
    return String.valueOf(c).repeat(40);
  }

  /**
   * A deploy of {@code stage} that succeeded: its put opens the stage's issue or comments on the
   * open one. Returns the issue's number.
   */
  public int deploy(String project, String stage, String build, String sha, String subject) {
    GeneratedPipeline pipeline = pipeline(project);
    Chain.Stage s = pipeline.stage(stage);
    Path sources = checkout(project, sha, subject);
    try (IssueGateResource resource = pipeline.resource(s.postResource())) {
      Resource.Result result =
          resource.publishNewVersion(sources, build(project, s, build), pipeline.putParams(s));
      return Integer.parseInt(result.version().fields().get("issue_number"));
    }
  }

  /**
   * The next stage's job takes the closed issue of {@code stage}: its trigger resource's check
   * finds it and the get consumes it in the build {@code build} of the next stage's job. Returns
   * the get's directory ({@code commit}, {@code gh_issue.json}).
   */
  public Path promote(String project, String stage, String build) {
    GeneratedPipeline pipeline = pipeline(project);
    Chain.Stage s = pipeline.stage(stage);
    Chain.Stage next = pipeline.chain().next(s).orElseThrow();
    try (IssueGateResource resource = pipeline.resource(s.triggerResource())) {
      List<Version> versions = resource.fetchNewVersions(null);
      Version newest = versions.get(versions.size() - 1);
      Path destination = Files.createTempDirectory(checkouts, "get");
      resource.downloadVersion(newest, destination, build(project, next, build), Map.of());
      return destination;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An issue as mitodl's resource opens it: its default body, only a build log link. */
  int mitodlIssue(String project, String stage, String next, String build) {
    String job = "deploy-" + stage.toLowerCase(Locale.ROOT);
    String body =
        "The task "
            + job
            + " in pipeline "
            + project
            + " has completed build number "
            + build
            + ".\nPlease refer to [the build log](https://ci.example.com/teams/main/pipelines/"
            + project
            + "/jobs/"
            + job
            + "/builds/"
            + build
            + ") for details of what changes this includes.\n";
    return hub.createIssue(
        REPO,
        title(project, stage),
        body,
        List.of("pipeline-workflow", "promotion-to-" + next),
        "ci-bot");
  }

  /**
   * The seeded chain: myapp CI (promoted by alice, consumed), QA waiting with two builds and a
   * person's comment, Production never deployed; billing CI waiting (mitodl's issue); a person's
   * issue labelled {@code pipeline-workflow} that is no gate.
   */
  Seeded seed() {
    int ci = deploy("myapp", "CI", "7", sha('a'), "Add the login page");
    advance(Duration.ofMinutes(10));
    hub.closeIssue(REPO, ci, "alice");
    advance(Duration.ofMinutes(5));
    int qa = deploy("myapp", "QA", "3", sha('a'), "Add the login page");
    promote("myapp", "CI", "3");
    advance(Duration.ofMinutes(30));
    int ci2 = deploy("myapp", "CI", "8", sha('b'), "Fix the login page");
    advance(Duration.ofMinutes(1));
    hub.addComment(REPO, qa, "carol", "Looks good on QA, waiting for the release window.");
    advance(Duration.ofMinutes(1));
    hub.closeIssue(REPO, ci2, "bob");
    advance(Duration.ofMinutes(5));
    deploy("myapp", "QA", "4", sha('b'), "Fix the login page");
    promote("myapp", "CI", "4");
    advance(Duration.ofMinutes(20));
    int billing = mitodlIssue("billing", "CI", "qa", "41");
    hub.createIssue(
        REPO, "Deploy freeze over the holidays", "no", List.of("pipeline-workflow"), "dan");
    advance(Duration.ofMinutes(60));
    return new Seeded(ci, qa, ci2, billing);
  }

  public record Seeded(int ci, int qa, int ci2, int billing) {}

  private GeneratedPipeline pipeline(String project) {
    return pipelines.computeIfAbsent(project, this::generate);
  }

  private GeneratedPipeline generate(String project) {
    String stages = STAGES.get(project);
    if (stages == null) {
      throw new IllegalArgumentException("no chain for project " + project);
    }
    String yaml =
        String.format(
            Locale.ROOT, CHAIN, project, stages, REPO, project, project, project, project);
    try {
      Chain chain = ChainReader.parse(yaml, project + ".yml");
      return new GeneratedPipeline(chain, PipelineGenerator.generate(chain));
    } catch (ChainException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A checkout as Concourse's git resource leaves it: {@code .git/ref} and the message. */
  private Path checkout(String project, String sha, String subject) {
    try {
      Path sources = Files.createTempDirectory(checkouts, "put");
      Path git = Files.createDirectories(sources.resolve(project).resolve(".git"));
      Files.writeString(git.resolve("ref"), sha + "\n", StandardCharsets.UTF_8);
      Files.writeString(git.resolve("commit_message"), subject + "\n", StandardCharsets.UTF_8);
      if (codeRepository != null && codeRepository.endsWith("/" + project)) {
        Files.writeString(
            git.resolve("config"),
            "[remote \"origin\"]\n\turl = https://github.com/" + codeRepository + ".git\n",
            StandardCharsets.UTF_8);
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BuildMetadata build(String project, Chain.Stage stage, String build) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUILD_ID", "9" + build);
    env.put("BUILD_NAME", build);
    env.put("BUILD_JOB_NAME", stage.job());
    env.put("BUILD_PIPELINE_NAME", project);
    env.put("BUILD_TEAM_NAME", "main");
    env.put("ATC_EXTERNAL_URL", "https://ci.example.com");
    return new BuildMetadata(env);
  }

  /** A chain and the pipeline the generator made of it, with localhub as the gates' GitHub. */
  private final class GeneratedPipeline {
    private final Chain chain;
    private final Map<String, Object> pipeline;

    GeneratedPipeline(Chain chain, Map<String, Object> pipeline) {
      this.chain = chain;
      this.pipeline = pipeline;
    }

    Chain chain() {
      return chain;
    }

    Chain.Stage stage(String name) {
      return chain.stages().stream()
          .filter(s -> s.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
    }

    IssueGateResource resource(String name) {
      Map<String, Object> source = new LinkedHashMap<>(source(name));
      source.put("gh_host", hub.baseUrl());
      source.put("access_token", ciToken);
      return IssueGateResource.fromSource(source, message -> {}, null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> source(String name) {
      for (Object r : (List<Object>) pipeline.get("resources")) {
        Map<String, Object> resource = (Map<String, Object>) r;
        if (name.equals(resource.get("name"))) {
          return (Map<String, Object>) resource.get("source");
        }
      }
      throw new IllegalArgumentException("the pipeline has no resource " + name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> putParams(Chain.Stage stage) {
      for (Object j : (List<Object>) pipeline.get("jobs")) {
        Map<String, Object> job = (Map<String, Object>) j;
        if (stage.job().equals(job.get("name"))) {
          Map<String, Object> onSuccess = (Map<String, Object>) job.get("on_success");
          Map<String, Object> params =
              new LinkedHashMap<>((Map<String, Object>) onSuccess.getOrDefault("params", Map.of()));
          // these deploys get no trigger resource first, so there is no approval to record
          params.remove("approval");
          return params;
        }
      }
      throw new IllegalArgumentException("the pipeline has no job " + stage.job());
    }
  }

  @Override
  public void close() {
    hub.close();
    try (Stream<Path> files = Files.walk(checkouts)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
