package trafficlight.pipeline.runner;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import trafficlight.localhub.LocalHub;
import trafficlight.pipeline.ChainException;
import trafficlight.pipeline.ChainReader;
import trafficlight.pipeline.PipelineGenerator;

/**
 * The test fixture of a generated chain run for real: localhub holds the gate issues of {@value
 * #GATES}, the local runner runs the pipeline generated from a chain of the project {@code shop},
 * with dist/opt/resource for the gates, the {@link DemoCodeResource} as the code and a shell task
 * as the deploy. The runner is built, not started, so that a test can put things in front of it
 * first.
 */
public final class ChainOnLocalHub implements AutoCloseable {

  public static final String GATES = "demo/gates";
  public static final String PIPELINE = "shop";

  /** The deploy task's script unless a test gives its own: it names the change and the stage. */
  public static final String ECHO_CHANGE = "echo \"deploying $(cat shop/CHANGE) to $STAGE\"";

  public final LocalHub hub;

  /** The token of {@code concourse-bot}, the only one the pipeline's gates are given. */
  public final String token;

  public final DemoCodeResource code;
  public final String pipelineYaml;
  public final LocalRunner runner;

  /** Every step the runner finished, as {@code deploy-ci#1 get shop}, or failed, with " failed". */
  public final List<String> steps = new CopyOnWriteArrayList<>();

  private final Map<String, Runnable> afterStep = new ConcurrentHashMap<>();

  private ChainOnLocalHub(
      Chain chain, DemoCodeResource code, Consumer<LocalRunner.Builder> settings)
      throws ChainException {
    this.pipelineYaml =
        PipelineGenerator.yaml(ChainReader.parse(chain.yaml(), "chain.yml"), "chain.yml");
    this.code = code;
    this.hub = LocalHub.start();
    try {
      hub.createRepo(GATES);
      token = hub.createToken("concourse-bot");
      LocalRunner.Builder runnerBuilder =
          LocalRunner.builder(PIPELINE, pipelineYaml)
              .image("trafficlight/github-issues-resource", ResourceProcess.fromCheckout())
              .resourceType("demo-code", code)
              .var("gh_host", hub.baseUrl())
              .var("github.token", token)
              .listener(new StepRecorder());
      settings.accept(runnerBuilder);
      runner = runnerBuilder.build();
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
  }

  /**
   * Starts localhub and builds the runner on the chain, with {@code code} as the code and further
   * runner settings (vars, work directory, tick) from {@code settings}.
   */
  public static ChainOnLocalHub of(
      Chain chain, DemoCodeResource code, Consumer<LocalRunner.Builder> settings)
      throws ChainException {
    return new ChainOnLocalHub(chain, code, settings);
  }

  /**
   * Runs {@code action} on the runner's own thread when the named step (as in {@link #steps}) has
   * finished, between it and the build's next step.
   */
  public void afterStep(String step, Runnable action) {
    afterStep.put(step, action);
  }

  @Override
  public void close() {
    runner.close();
    hub.close();
  }

  private final class StepRecorder implements RunnerListener {
    @Override
    public void stepFinished(
        Build build,
        String kind,
        String name,
        Map<String, String> version,
        Map<String, String> metadata) {
      String step = build.job() + "#" + build.number() + " " + kind + " " + name;
      steps.add(step);
      Runnable action = afterStep.remove(step);
      if (action != null) {
        action.run();
      }
    }

    @Override
    public void stepFailed(Build build, String kind, String name, String message) {
      steps.add(build.job() + "#" + build.number() + " " + kind + " " + name + " failed");
    }
  }

  /**
   * What differs between the tests' chains.
   *
   * @param stages e.g. {@code "CI, Production"}
   * @param deployScript the deploy task's {@code sh -c} script, run in the build's directory
   * @param moreLines chain lines after {@code commit_from}, e.g. {@code "pin: false\n"}
   */
  public record Chain(String stages, String deployScript, String moreLines) {

    /** The stages, with the deploy script {@link #ECHO_CHANGE}. */
    public Chain(String stages, String moreLines) {
      this(stages, ECHO_CHANGE, moreLines);
    }

    String yaml() {
      return """
          project: shop
          stages: [STAGES]
          issues:
            repository: GATES
            gh_host: ((gh_host))
            access_token: ((github.token))
          code:
          - {name: shop, type: demo-code}
          resource_types:
          - {name: demo-code, type: registry-image, source: {repository: local/demo-code}}
          deploy:
            task: deploy
            config:
              platform: linux
              run: {path: sh, args: [-c, 'SCRIPT']}
            params: {STAGE: "{stage}"}
          commit_from: shop
          """
              .replace("STAGES", stages)
              .replace("GATES", GATES)
              .replace("SCRIPT", deployScript)
          + moreLines;
    }
  }
}
