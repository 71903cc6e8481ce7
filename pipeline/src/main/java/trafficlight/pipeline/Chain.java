package trafficlight.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import trafficlight.gate.GateLabels;
import trafficlight.gate.TitleFormat;

/**
 * A promotion chain: the ordered stages one project is deployed to, the gate issues between them
 * and the code whose versions move along. Read from a chain file by {@link ChainReader}; turned
 * into a Concourse pipeline by {@link PipelineGenerator}.
 *
 * @param project the project's name, in issue titles as {@code {project}}
 * @param deployer who deploys, in issue titles as {@code {deployer}} (e.g. Pulumi)
 * @param stages the stages in promotion order; at least one
 * @param issues where the gate issues live and how to reach that repository
 * @param code the resources whose versions move along the chain (e.g. the app's git repository)
 * @param deploy the deploy step of every stage: a {@code task} or {@code put} step, its strings
 *     with {@code {stage}} and {@code {project}} substituted
 * @param title the issue title format; its prefix (the title without a trailing {@code "
 *     deployed."}) identifies the stage's issues
 * @param labels labels added to every gate issue besides {@code pipeline-workflow} and the
 *     promotion label
 * @param assignees assigned to every gate issue a deploy opens
 * @param checkEvery {@code check_every} of the trigger resources, or null for Concourse's default
 * @param webhookToken {@code webhook_token} of the trigger resources, or null
 * @param commitFrom the code resource whose checkout the post resource records, or null
 * @param pinImage the image of the step that checks out the approved commit in {@code commitFrom}
 *     before every later stage's deploy ({@link PinStep}), or null when nothing is pinned
 * @param resourceTypes more resource types, for the code resources and deploy puts, as written
 * @param resources more resources (e.g. what a deploy put writes to), as written
 */
public record Chain(
    String project,
    String deployer,
    List<Stage> stages,
    Map<String, Object> issues,
    List<Map<String, Object>> code,
    Map<String, Object> deploy,
    String title,
    List<String> labels,
    List<String> assignees,
    String checkEvery,
    String webhookToken,
    String commitFrom,
    String pinImage,
    List<Map<String, Object>> resourceTypes,
    List<Map<String, Object>> resources) {

  /** The default title format: mitodl's, with the deployer and project named. */
  public static final String DEFAULT_TITLE = TitleFormat.DEFAULT;

  /** The name of our resource type in generated pipelines. */
  public static final String RESOURCE_TYPE = "github-issues";

  /** The image of our resource type. */
  public static final String IMAGE = "trafficlight/github-issues-resource";

  public Chain {
    stages = List.copyOf(stages);
    code = List.copyOf(code);
    labels = List.copyOf(labels);
    assignees = List.copyOf(assignees);
    resourceTypes = List.copyOf(resourceTypes);
    resources = List.copyOf(resources);
  }

  /**
   * One stage of the chain.
   *
   * @param name as written (in titles and labels)
   * @param deploy this stage's own deploy step, or null for the chain's
   * @param approvers who may promote <em>to</em> this stage (the stage's own {@code approvers},
   *     else the chain's); empty: anyone who may close the issue
   * @param forbidSelfApproval whether a person may not promote their own change to this stage
   * @param prComments whether this stage's deploys tell the pull requests they carry where their
   *     change is (the put's {@code pr_comments})
   */
  public record Stage(
      String name,
      Map<String, Object> deploy,
      List<String> approvers,
      boolean forbidSelfApproval,
      boolean prComments) {

    public Stage {
      approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    public Stage(String name, Map<String, Object> deploy) {
      this(name, deploy, List.of(), false, false);
    }

    public Stage(String name) {
      this(name, null);
    }

    /** The name as it appears in job, resource and label names: lower case, [a-z0-9-]. */
    public String slug() {
      return slug(name);
    }

    static String slug(String name) {
      return GateLabels.slug(name);
    }

    /** The stage's deploy job. */
    public String job() {
      return "deploy-" + slug();
    }

    /** The resource the deploy job's {@code on_success} puts: opens or comments the issue. */
    public String postResource() {
      return slug() + "-deployed";
    }

    /** The resource the next stage's job triggers on: this stage's issue, closed. */
    public String triggerResource() {
      return slug() + "-promoted";
    }
  }

  /** The title format, which the board reads the titles back with. */
  public TitleFormat titleFormat() {
    return TitleFormat.parse(title);
  }

  /** The title of the issue stage's deploys open. */
  public String titleOf(Stage stage) {
    return titleFormat().render(deployer, project, stage.name());
  }

  /** The prefix that identifies the stage's issues: the title without a trailing " deployed.". */
  public String prefixOf(Stage stage) {
    return titleFormat().prefix(deployer, project, stage.name());
  }

  /** The stage a close of {@code stage}'s issue promotes to, or empty for the last stage. */
  public Optional<Stage> next(Stage stage) {
    int index = stages.indexOf(stage);
    return index + 1 < stages.size() ? Optional.of(stages.get(index + 1)) : Optional.empty();
  }

  /** The labels of the stage's issues: the workflow label, where it leads, then the extras. */
  public List<String> labelsOf(Stage stage) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    all.add(GateLabels.WORKFLOW);
    all.add(next(stage).map(s -> GateLabels.promotionTo(s.name())).orElse(GateLabels.FINAL));
    all.addAll(labels);
    return List.copyOf(all);
  }

  /** The names of the code resources. */
  public List<String> codeNames() {
    return code.stream().map(c -> String.valueOf(c.get("name"))).toList();
  }
}
