package trafficlight.pipeline;

import static trafficlight.pipeline.YamlNodes.keyOf;
import static trafficlight.pipeline.YamlNodes.line;
import static trafficlight.pipeline.YamlNodes.value;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import trafficlight.gate.Approver;
import trafficlight.gate.ResourceInterface;
import trafficlight.gate.ResourceInterface.SourceKey;
import trafficlight.gate.Suggestions;
import trafficlight.gate.TitleFormat;

/**
 * Reads a chain file (see docs/PIPELINES.md) with SnakeYAML's node API, so that every mistake is
 * reported with its line, and every mistake in the file at once.
 */
public final class ChainReader {

  static final List<String> TOP_KEYS =
      List.of(
          "project",
          "deployer",
          "stages",
          "issues",
          "code",
          "deploy",
          "title",
          "labels",
          "assignees",
          "check_every",
          "webhook_token",
          "relay",
          "commit_from",
          "approvers",
          "forbid_self_approval",
          "pr_comments",
          "pin",
          "pin_image",
          "resource_types",
          "resources");

  /** The source keys that {@code issues:} gives every gate resource of the chain. */
  static final List<String> ISSUES_KEYS =
      ResourceInterface.keys(
          SourceKey.REPOSITORY,
          SourceKey.GH_HOST,
          SourceKey.ACCESS_TOKEN,
          SourceKey.AUTH_METHOD,
          SourceKey.APP_ID,
          SourceKey.APP_INSTALLATION_ID,
          SourceKey.PRIVATE_SSH_KEY,
          SourceKey.TIMEOUT,
          SourceKey.SKIP_IF_LABELED);

  static final List<String> STAGE_KEYS =
      List.of("name", "deploy", "approvers", "forbid_self_approval", "pr_comments");
  static final List<String> RELAY_KEYS = List.of("webhook_token", "check_every");

  private static final String ISSUES_EXAMPLE =
      "issues: {repository: my-org/deploy-gates, access_token: ((github.token))}";

  /** The trigger resources' token when {@code relay: true} names none. */
  static final String RELAY_TOKEN = "((relay_webhook_token))";

  /** The trigger resources' safety-net check when relayed, unless {@code relay} says otherwise. */
  static final String RELAY_CHECK_EVERY = "1h";

  static final List<String> CODE_KEYS =
      List.of("name", "type", "source", "check_every", "icon", "tags", "webhook_token", "public");
  static final Set<String> TITLE_PLACEHOLDERS = Set.copyOf(TitleFormat.PLACEHOLDERS);

  private static final Pattern OWNER_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9._-]{1,100}");
  private static final Pattern VAR = Pattern.compile("\\(\\(.+\\)\\)");
  private static final Pattern GITHUB_URL =
      Pattern.compile("(?:https?://[^/]+/|git@[^:]+:)([^/]+/[^/]+?)(?:\\.git)?/?");

  /** The code resources whose commit a gate can record and the pin step can check out. */
  static final String GIT_TYPE = "git";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");

  private final YamlNodes yaml;

  private ChainReader(String file) {
    this.yaml = new YamlNodes(file);
  }

  /** Reads and checks a chain file. */
  public static Chain read(Path path) throws IOException, ChainException {
    return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
  }

  /**
   * Parses and checks chain YAML.
   *
   * @param file the name errors give the file
   * @throws ChainException listing every mistake, with line and fix
   */
  public static Chain parse(String yaml, String file) throws ChainException {
    ChainReader reader = new ChainReader(file);
    Chain chain = reader.chain(yaml);
    if (!reader.yaml.errors().isEmpty()) {
      List<ChainError> sorted = new ArrayList<>(reader.yaml.errors());
      sorted.sort(Comparator.comparingInt(ChainError::line));
      throw new ChainException(sorted);
    }
    return chain;
  }

  private Chain chain(String text) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      yaml.error(line, "not valid YAML: " + e.getProblem(), "correct the YAML syntax at that line");
      return null;
    } catch (YAMLException e) {
      yaml.error(0, "not valid YAML: " + e.getMessage(), "correct the YAML syntax");
      return null;
    }
    if (!(root instanceof MappingNode top)) {
      yaml.error(
          root == null ? 0 : line(root),
          root == null ? "the chain file is empty" : "the chain file is not a mapping of keys",
          "start from the example in docs/PIPELINES.md: project, stages, issues, code, deploy");
      return null;
    }
    Map<String, Node> keys = yaml.keys(top, TOP_KEYS, "");

    String project = yaml.requiredString(keys, top, "project", "project: myapp");
    String deployer = yaml.optionalString(keys, "deployer", "Concourse");
    List<Chain.Stage> stages =
        stages(
            keys,
            top,
            approvers(keys),
            bool(keys, "forbid_self_approval"),
            bool(keys, "pr_comments"));
    Map<String, Object> issues = issues(keys, top);
    List<Map<String, Object>> code = code(keys, top);
    List<Map<String, Object>> resourceTypes = passthroughList(keys, "resource_types");
    List<Map<String, Object>> resources = passthroughList(keys, "resources");
    Map<String, Object> deploy = null;
    if (!keys.containsKey("deploy")) {
      yaml.missing(top, "deploy", "deploy: {task: deploy, file: myapp/ci/deploy.yml}");
    } else {
      deploy = deploy(keys.get("deploy"), code, resources);
    }
    String title = title(keys, project, deployer, stages);
    List<String> labels = yaml.strings(keys, "labels");
    List<String> assignees = yaml.strings(keys, "assignees");
    String checkEvery = yaml.optionalString(keys, "check_every", null);
    checkDuration(checkEvery, keys.get("check_every"), "check_every");
    String webhookToken = yaml.optionalString(keys, "webhook_token", null);
    if (keys.containsKey("relay")) {
      String[] relayed = relay(keys);
      if (relayed != null) {
        webhookToken = relayed[0];
        checkEvery = relayed[1];
      }
    }
    String commitFrom = yaml.optionalString(keys, "commit_from", null);
    if (commitFrom != null && code != null && !codeNames(code).contains(commitFrom)) {
      String near = Suggestions.nearest(commitFrom, codeNames(code));
      yaml.error(
          line(keys.get("commit_from")),
          "commit_from \"" + commitFrom + "\" is not a code resource",
          near != null ? "did you mean \"" + near + "\"?" : "name one of " + codeNames(code));
    }
    if (!keys.containsKey("commit_from") && code != null) {
      commitFrom = defaultCommitFrom(keys, top, code);
    }
    if (commitFrom == null && stages != null && stages.stream().anyMatch(Chain.Stage::prComments)) {
      yaml.error(
          line(prCommentsKey(keys, top)),
          "pr_comments needs commit_from: pull requests are found by the commits a deploy carried",
          "name the code resource whose commit each stage deploys, e.g. commit_from: myapp");
    }
    String pinImage = pinImage(keys, commitFrom);
    if (stages != null && code != null) {
      uniqueNames(stages, code, resources, keys);
    }
    if (!yaml.errors().isEmpty()) {
      return null;
    }
    return new Chain(
        project,
        deployer,
        stages,
        issues,
        code,
        deploy,
        title,
        labels,
        assignees,
        checkEvery,
        webhookToken,
        commitFrom,
        pinImage,
        resourceTypes,
        resources);
  }

  /** The first {@code pr_comments} key: the chain's, else a stage's. */
  private static Node prCommentsKey(Map<String, Node> keys, MappingNode top) {
    if (keys.containsKey("pr_comments")) {
      return keys.get("pr_comments");
    }
    if (keys.get("stages") instanceof SequenceNode list) {
      for (Node item : list.getValue()) {
        if (item instanceof MappingNode map) {
          for (var tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key
                && key.getValue().equals("pr_comments")) {
              return tuple.getKeyNode();
            }
          }
        }
      }
    }
    return top;
  }

  /**
   * The code resource whose commit the gates record and pin when {@code commit_from} is not
   * written: the chain's one git resource. Several leave the choice to the file, which must name
   * one (or say {@code pin: false}, recording none).
   *
   * @return its name, or null when there is none to choose or the choice is the file's
   */
  private String defaultCommitFrom(
      Map<String, Node> keys, MappingNode top, List<Map<String, Object>> code) {
    List<String> git =
        code.stream()
            .filter(c -> GIT_TYPE.equals(c.get("type")))
            .map(c -> String.valueOf(c.get("name")))
            .toList();
    if (git.size() == 1) {
      return git.get(0);
    }
    boolean unpinned = keys.get("pin") instanceof ScalarNode pin && "false".equals(pin.getValue());
    if (git.size() > 1 && !unpinned) {
      yaml.error(
          line(keys.containsKey("code") ? keys.get("code") : top),
          "commit_from is missing: the chain has several git code resources "
              + git
              + ", and the gates record and pin the commit of one",
          "add commit_from: "
              + git.get(0)
              + " (the one whose commit is approved), or pin: false to record none");
    }
    return null;
  }

  /**
   * The pin step's image: with {@code commit_from}, later stages check out the approved commit
   * unless {@code pin: false}; {@code pin_image} chooses the step's image.
   *
   * @return the image, or null when nothing is pinned
   */
  private String pinImage(Map<String, Node> keys, String commitFrom) {
    Boolean pin =
        bool(
            keys,
            "pin",
            "write pin: false to deploy the newest version that passed the previous stage instead"
                + " of the approved commit, or leave pin out");
    String image = yaml.optionalString(keys, "pin_image", null);
    boolean recorded = commitFrom != null || keys.containsKey("commit_from");
    if (Boolean.TRUE.equals(pin) && !recorded) {
      yaml.error(
          line(keys.get("pin")),
          "pin needs commit_from: the approved commit is the one the gate issues record from it",
          "add commit_from: <the code resource to pin>");
    }
    if (image != null) {
      if (Boolean.FALSE.equals(pin) || !recorded) {
        yaml.error(
            line(keys.get("pin_image")),
            "pin_image is set, but nothing is pinned"
                + (Boolean.FALSE.equals(pin) ? " (pin: false)" : " without commit_from"),
            Boolean.FALSE.equals(pin)
                ? "remove pin_image, or pin: false"
                : "add commit_from: <the code resource to pin>, or remove pin_image");
      } else if (!PinStep.validImage(image)) {
        yaml.error(
            line(keys.get("pin_image")),
            "pin_image \"" + image + "\" is not an image reference",
            "write repository[:tag] or repository@sha256:<digest>, e.g. pin_image: "
                + PinStep.DEFAULT_IMAGE);
      }
    }
    if (commitFrom == null || Boolean.FALSE.equals(pin)) {
      return null;
    }
    return image != null ? image : PinStep.DEFAULT_IMAGE;
  }

  private void checkDuration(String value, Node node, String key) {
    if (value != null
        && !value.equals("never")
        && !value.matches("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+")) {
      yaml.error(
          line(node),
          key + " \"" + value + "\" is not a duration",
          "write a Go duration such as 15m, 1h30m or 30s, or never");
    }
  }

  /**
   * The {@code relay} option: trigger resources that trafficlight's webhook relay calls, so a
   * closed issue is seen at once, with a long {@code check_every} as the safety net for a lost
   * delivery. {@code relay: true} or {@code relay: {webhook_token: ((var)), check_every: 1h}}.
   *
   * @return the token and the check_every, or null for {@code relay: false} or a mistake
   */
  private String[] relay(Map<String, Node> keys) {
    Node node = keys.get("relay");
    for (String clash : List.of("webhook_token", "check_every")) {
      if (keys.containsKey(clash)) {
        yaml.error(
            line(keys.get(clash)),
            clash + " and relay both set the trigger resources' " + clash,
            "keep relay and write " + clash + " under it: relay: {" + clash + ": ...}");
        return null;
      }
    }
    if (node instanceof ScalarNode scalar) {
      String value = scalar.getValue();
      if (value.equals("true")) {
        return new String[] {RELAY_TOKEN, RELAY_CHECK_EVERY};
      } else if (value.equals("false")) {
        return null;
      }
    }
    Map<String, Node> relay =
        yaml.keysOf(
            node,
            RELAY_KEYS,
            "relay.",
            "relay is neither true, false nor a mapping",
            "write relay: true, or relay: {webhook_token: ((relay_webhook_token)), check_every: 1h}");
    if (relay == null) {
      return null;
    }
    String token = yaml.optionalString(relay, "webhook_token", RELAY_TOKEN);
    if (token != null && !token.strip().matches("\\(\\([^()]+\\)\\)")) {
      yaml.error(
          line(relay.get("webhook_token")),
          "relay.webhook_token is not a ((var))",
          "write it as a var, e.g. ((relay_webhook_token)), and give the relay and fly its value,"
              + " so the token stays out of the file");
    }
    String checkEvery = yaml.optionalString(relay, "check_every", RELAY_CHECK_EVERY);
    checkDuration(checkEvery, relay.get("check_every"), "relay.check_every");
    return new String[] {token, checkEvery};
  }

  /** A list of approvers (logins, teams, or ((vars))), or null when the key is absent. */
  private List<String> approvers(Map<String, Node> keys) {
    if (!keys.containsKey("approvers")) {
      return null;
    }
    List<String> entries = yaml.strings(keys, "approvers");
    for (String entry : entries) {
      if (VAR.matcher(entry).matches()) {
        continue;
      }
      try {
        Approver.parse(entry);
      } catch (IllegalArgumentException e) {
        yaml.error(
            line(keys.get("approvers")),
            "approvers: " + e.getMessage(),
            "write logins and teams, e.g. approvers: [alice, \"@my-org/release\"]");
      }
    }
    return entries;
  }

  /** true or false, or null when the key is absent. */
  private Boolean bool(Map<String, Node> keys, String key) {
    return bool(keys, key, key + ": true");
  }

  /**
   * true or false, or null when the key is absent or is neither.
   *
   * @param fix what to write instead of another value
   */
  private Boolean bool(Map<String, Node> keys, String key, String fix) {
    Node node = keys.get(key);
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar
        && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
      return Boolean.valueOf(scalar.getValue());
    }
    yaml.error(line(node), key + " is neither true nor false", fix);
    return null;
  }

  /**
   * The stages; each but the first gets the chain's {@code approvers} and {@code
   * forbid_self_approval} unless it sets its own (they say who may promote <em>to</em> it).
   */
  private List<Chain.Stage> stages(
      Map<String, Node> keys,
      MappingNode top,
      List<String> defaultApprovers,
      Boolean defaultForbidSelf,
      Boolean defaultPrComments) {
    Node node = keys.get("stages");
    if (node == null) {
      yaml.missing(top, "stages", "stages: [CI, QA, Production]");
      return null;
    }
    if (!(node instanceof SequenceNode list)) {
      yaml.error(
          line(node), "stages is not a list", "list the stages in order: [CI, QA, Production]");
      return null;
    }
    if (list.getValue().isEmpty()) {
      yaml.error(
          line(node),
          "no stages",
          "list the stages in promotion order, e.g. stages: [CI, QA, Production]");
      return null;
    }
    List<Chain.Stage> stages = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (Node item : list.getValue()) {
      String name;
      Map<String, Object> deploy = null;
      List<String> approvers = null;
      Boolean forbidSelf = null;
      Boolean prComments = null;
      if (item instanceof ScalarNode scalar) {
        name = scalar.getValue();
      } else if (item instanceof MappingNode map) {
        Map<String, Node> stageKeys = yaml.keys(map, STAGE_KEYS, "stages: ");
        if (!stageKeys.containsKey("name")) {
          yaml.missing(map, "name", "name: QA");
          continue;
        }
        name = yaml.scalar(stageKeys.get("name"), "the stage's name");
        if (stageKeys.containsKey("deploy")) {
          deploy = deploy(stageKeys.get("deploy"), null, null);
        }
        approvers = approvers(stageKeys);
        forbidSelf = bool(stageKeys, "forbid_self_approval");
        prComments = bool(stageKeys, "pr_comments");
        if (stages.isEmpty() && (approvers != null || forbidSelf != null)) {
          Node where =
              stageKeys.containsKey("approvers")
                  ? stageKeys.get("approvers")
                  : stageKeys.get("forbid_self_approval");
          yaml.error(
              line(where),
              "stage \""
                  + name
                  + "\" is the first: no gate issue promotes to it, so nobody approves it",
              "put approvers on the stages a close promotes to, e.g. {name: Production,"
                  + " approvers: [...]}");
        }
      } else {
        yaml.error(line(item), "a stage is neither a name nor a mapping", "write the stage's name");
        continue;
      }
      if (name == null || name.isBlank()) {
        yaml.error(line(item), "a stage has no name", "give the stage a name such as QA");
        continue;
      }
      String slug = Chain.Stage.slug(name);
      Node first = seen.putIfAbsent(slug, item);
      if (first != null) {
        yaml.error(
            line(item),
            "stage \"" + name + "\" is named twice (first at line " + line(first) + ")",
            "give every stage its own name; each is deployed once per code change");
        continue;
      }
      boolean comments = Boolean.TRUE.equals(prComments != null ? prComments : defaultPrComments);
      if (stages.isEmpty()) {
        stages.add(new Chain.Stage(name, deploy, List.of(), false, comments));
        continue;
      }
      stages.add(
          new Chain.Stage(
              name,
              deploy,
              approvers != null ? approvers : defaultApprovers,
              Boolean.TRUE.equals(forbidSelf != null ? forbidSelf : defaultForbidSelf),
              comments));
    }
    return stages;
  }

  private Map<String, Object> issues(Map<String, Node> keys, MappingNode top) {
    Node node = keys.get("issues");
    if (node == null) {
      yaml.missing(top, "issues", ISSUES_EXAMPLE);
      return null;
    }
    Map<String, Node> issueKeys =
        yaml.keysOf(node, ISSUES_KEYS, "issues: ", "issues is not a mapping", ISSUES_EXAMPLE);
    if (issueKeys == null) {
      return null;
    }
    String repositoryKey = SourceKey.REPOSITORY.key();
    Node repository = issueKeys.get(repositoryKey);
    if (repository == null) {
      yaml.missing((MappingNode) node, repositoryKey, "repository: my-org/deploy-gates");
    } else {
      String value = yaml.scalar(repository, repositoryKey);
      if (value != null && !VAR.matcher(value).matches() && !validRepository(value)) {
        Matcher url = GITHUB_URL.matcher(value);
        yaml.error(
            line(repository),
            "repository \"" + value + "\" is not a GitHub repository name (owner/name)",
            url.matches() && validRepository(url.group(1))
                ? "write repository: " + url.group(1)
                : "write owner/name, e.g. repository: my-org/deploy-gates");
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> issues = (Map<String, Object>) value(node);
    return issues;
  }

  private static boolean validRepository(String value) {
    return OWNER_NAME.matcher(value).matches() && !value.endsWith("/.") && !value.endsWith("/..");
  }

  private List<Map<String, Object>> code(Map<String, Node> keys, MappingNode top) {
    Node node = keys.get("code");
    if (node == null) {
      yaml.missing(
          top, "code", "code: [{name: myapp, type: git, source: {uri: ..., branch: main}}]");
      return null;
    }
    if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
      yaml.error(
          line(node),
          "code is not a list of resources",
          "code: [{name: myapp, type: git, source: {uri: ..., branch: main}}]");
      return null;
    }
    List<Map<String, Object>> code = new ArrayList<>();
    for (Node item : list.getValue()) {
      if (!(item instanceof MappingNode map)) {
        yaml.error(
            line(item),
            "a code resource is not a mapping",
            "write {name: ..., type: ..., source: ...}");
        continue;
      }
      Map<String, Node> codeKeys = yaml.keys(map, CODE_KEYS, "code: ");
      if (!codeKeys.containsKey("name")) {
        yaml.missing(map, "name", "name: myapp");
      }
      if (!codeKeys.containsKey("type")) {
        yaml.missing(map, "type", "type: git");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> resource = (Map<String, Object>) value(map);
      code.add(resource);
    }
    return code;
  }

  private Map<String, Object> deploy(
      Node node, List<Map<String, Object>> code, List<Map<String, Object>> resources) {
    String example =
        "deploy: {task: deploy, file: myapp/ci/deploy.yml, params: {STAGE: \"{stage}\"}}";
    if (!(node instanceof MappingNode map)) {
      yaml.error(line(node), "deploy is not a step", example);
      return null;
    }
    Map<String, Node> stepKeys = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      stepKeys.put(keyOf(tuple), tuple.getKeyNode());
    }
    boolean task = stepKeys.containsKey("task");
    boolean put = stepKeys.containsKey("put");
    if (task == put) {
      yaml.error(
          line(node),
          task ? "deploy is both a task and a put" : "deploy is neither a task nor a put step",
          example + ", or deploy: {put: my-infra, params: {stack: \"{stage}\"}}");
      return null;
    }
    if (task && !stepKeys.containsKey("file") && !stepKeys.containsKey("config")) {
      yaml.error(
          line(node),
          "the deploy task has neither file nor config",
          "add file: myapp/ci/deploy.yml, or config: {platform: linux, run: {path: ...}}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> step = (Map<String, Object>) value(map);
    if (put && code != null && resources != null) {
      Object target = step.get("put");
      List<String> declared = new ArrayList<>(codeNames(code));
      resources.forEach(r -> declared.add(String.valueOf(r.get("name"))));
      if (!declared.contains(String.valueOf(target))) {
        String near = Suggestions.nearest(String.valueOf(target), declared);
        yaml.error(
            line(stepKeys.get("put")),
            "the deploy puts \"" + target + "\", which is not declared",
            near != null
                ? "did you mean \"" + near + "\"?"
                : "declare it under resources: (and its type under resource_types:)");
      }
    }
    return step;
  }

  private String title(
      Map<String, Node> keys, String project, String deployer, List<Chain.Stage> stages) {
    String title = yaml.optionalString(keys, "title", Chain.DEFAULT_TITLE);
    if (title == null) {
      return null;
    }
    int line = keys.containsKey("title") ? line(keys.get("title")) : 0;
    Matcher placeholders = PLACEHOLDER.matcher(title);
    boolean misspelt = false;
    while (placeholders.find()) {
      if (!TITLE_PLACEHOLDERS.contains(placeholders.group())) {
        misspelt = true;
        String near = Suggestions.nearest(placeholders.group(), List.copyOf(TITLE_PLACEHOLDERS));
        yaml.error(
            line,
            "the title has an unknown placeholder " + placeholders.group(),
            near != null
                ? "did you mean " + near + "?"
                : "use {deployer}, {project} and {stage}, or write the text itself");
      }
    }
    if (!title.contains("{stage}")) {
      yaml.error(
          line,
          "the title does not name the stage, so every stage would share one issue",
          "put {stage} in it, e.g. title: \"" + Chain.DEFAULT_TITLE + "\"");
      return title;
    }
    if (misspelt) {
      return title;
    }
    if (!title.contains("{project}")) {
      yaml.error(
          line,
          "the title does not name the project, so the board cannot tell this project's issues"
              + " from another's",
          "put {project} in it, e.g. title: \"" + Chain.DEFAULT_TITLE + "\"");
      return title;
    }
    if (project == null || deployer == null || stages == null) {
      return title;
    }
    Chain probe =
        new Chain(
            project, deployer, stages, Map.of(), List.of(), Map.of(), title, List.of(), List.of(),
            null, null, null, null, List.of(), List.of());
    for (Chain.Stage stage : stages) {
      if (probe.titleOf(stage).length() > 256) {
        yaml.error(
            line,
            "the title of stage " + stage.name() + " is longer than GitHub's 256 characters",
            "shorten the title format or the names");
      }
      for (Chain.Stage other : stages) {
        if (other != stage && probe.titleOf(other).startsWith(probe.prefixOf(stage))) {
          yaml.error(
              line,
              "the issues of stage "
                  + other.name()
                  + " start with the issue prefix of stage "
                  + stage.name()
                  + " (\""
                  + probe.prefixOf(stage)
                  + "\"), so closing one would promote the other",
              "rename one of the stages, or end the title with \" deployed.\"");
        }
      }
    }
    return title;
  }

  private void uniqueNames(
      List<Chain.Stage> stages,
      List<Map<String, Object>> code,
      List<Map<String, Object>> resources,
      Map<String, Node> keys) {
    Set<String> generated = new HashSet<>();
    for (Chain.Stage stage : stages) {
      generated.add(stage.postResource());
      generated.add(stage.triggerResource());
    }
    Set<String> seen = new HashSet<>();
    List<Map<String, Object>> all = new ArrayList<>(code);
    all.addAll(resources);
    for (Map<String, Object> resource : all) {
      String name = String.valueOf(resource.get("name"));
      String where = code.contains(resource) ? "code" : "resources";
      if (generated.contains(name)) {
        yaml.error(
            line(keys.get(where)),
            "resource name \"" + name + "\" is one the generator gives a stage's gate",
            "rename it; <stage>-deployed and <stage>-promoted are taken");
      } else if (!seen.add(name)) {
        yaml.error(
            line(keys.get(where)), "resource \"" + name + "\" is declared twice", "rename one");
      }
    }
  }

  /**
   * Resources or resource types, given to the pipeline as written: each needs a name and a type.
   */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> passthroughList(Map<String, Node> keys, String key) {
    Node node = keys.get(key);
    if (node == null) {
      return List.of();
    }
    List<Map<String, Object>> values = new ArrayList<>();
    if (node instanceof SequenceNode list) {
      for (Node item : list.getValue()) {
        if (item instanceof MappingNode map
            && value(map) instanceof Map<?, ?> value
            && value.get("name") != null
            && value.get("type") != null) {
          values.add((Map<String, Object>) value);
        } else {
          yaml.error(
              line(item),
              "an entry of " + key + " has no name or type",
              "write {name: ..., type: ..., source: ...}");
        }
      }
    } else {
      yaml.error(
          line(node), key + " is not a list", key + ": [{name: ..., type: ..., source: ...}]");
    }
    return values;
  }

  private static List<String> codeNames(List<Map<String, Object>> code) {
    return code.stream().map(c -> String.valueOf(c.get("name"))).toList();
  }
}
