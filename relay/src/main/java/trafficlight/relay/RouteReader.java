package trafficlight.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.concourse.PipelineRef;
import trafficlight.concourse.PipelineYaml;
import trafficlight.concourse.Vars;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.IssueFilter;
import trafficlight.gate.ResourceInterface;
import trafficlight.gate.ResourceInterface.IssueState;
import trafficlight.gate.ResourceInterface.SourceKey;

/**
 * Reads the routes of a pipeline file, as {@code fly set-pipeline -c} takes it: every resource
 * whose {@code source} has mitodl's {@code repository}, {@code issue_prefix} and {@code
 * issue_state: closed}, whatever its type is called, and that has a {@code webhook_token}. The
 * {@code ((vars))} of those resources' token and of the source keys the relay decides by (the
 * filter, and {@code approvers} / {@code forbid_self_approval} for reopening refused closes) must
 * have values; the rest of the pipeline, the pipeline's GitHub token included, is not read.
 */
public final class RouteReader {

  private static final String HOW_TO_GIVE = "with --var NAME=VALUE or --load-vars-from VARS.yml";

  private static final List<String> READ_KEYS =
      ResourceInterface.keys(
          SourceKey.REPOSITORY,
          SourceKey.ISSUE_PREFIX,
          SourceKey.ISSUE_STATE,
          SourceKey.LABELS,
          SourceKey.SKIP_IF_LABELED,
          SourceKey.APPROVERS,
          SourceKey.FORBID_SELF_APPROVAL);

  private RouteReader() {}

  /**
   * @throws RelayConfigException a file that cannot be read or a var without value, in one line
   *     naming the file
   */
  public static List<Route> read(
      String team, PipelineRef pipeline, Path file, Map<String, String> vars) {
    Map<String, Object> yaml;
    try {
      yaml = PipelineYaml.read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RelayConfigException("cannot read pipeline file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new RelayConfigException(file + ": " + e.getMessage());
    }
    return routes(team, pipeline, file, yaml, new Vars(vars, HOW_TO_GIVE));
  }

  /** The vars of a {@code --load-vars-from} file, by the names {@code ((vars))} use. */
  public static Map<String, String> readVarsFile(Path file) {
    try {
      return Vars.flatten(PipelineYaml.read(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new RelayConfigException("cannot read vars file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new RelayConfigException("vars file " + file + ": " + e.getMessage());
    }
  }

  private static List<Route> routes(
      String team, PipelineRef pipeline, Path file, Map<String, Object> yaml, Vars vars) {
    List<Route> routes = new ArrayList<>();
    if (!(yaml.get("resources") instanceof List<?> resources)) {
      return routes;
    }
    for (Object entry : resources) {
      if (!(entry instanceof Map<?, ?> resource)
          || !(resource.get("source") instanceof Map<?, ?> source)
          || !source.containsKey(SourceKey.REPOSITORY.key())
          || !source.containsKey(SourceKey.ISSUE_PREFIX.key())
          || !source.containsKey(SourceKey.ISSUE_STATE.key())
          || resource.get("webhook_token") == null) {
        continue;
      }
      String name = String.valueOf(resource.get("name"));
      Map<String, Object> relayed = new LinkedHashMap<>();
      relayed.put("webhook_token", resource.get("webhook_token"));
      relayed.put("source", readKeys(source));
      Map<String, Object> filled;
      try {
        filled = vars.interpolate(relayed);
      } catch (IllegalArgumentException e) {
        throw new RelayConfigException(file + ": resource " + name + ": " + e.getMessage());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> filledSource = (Map<String, Object>) filled.get("source");
      if (!IssueState.CLOSED
          .value()
          .equals(String.valueOf(filledSource.get(SourceKey.ISSUE_STATE.key())))) {
        continue;
      }
      String token = String.valueOf(filled.get("webhook_token"));
      if (token.isBlank()) {
        throw new RelayConfigException(
            file + ": resource " + name + " has an empty webhook_token: give it a value");
      }
      IssueFilter filter =
          new IssueFilter(
              IssueState.CLOSED.value(),
              String.valueOf(filledSource.get(SourceKey.ISSUE_PREFIX.key())),
              strings(filledSource, SourceKey.LABELS, file, name),
              strings(filledSource, SourceKey.SKIP_IF_LABELED, file, name));
      routes.add(
          new Route(
              team,
              pipeline,
              name,
              token,
              String.valueOf(filledSource.get(SourceKey.REPOSITORY.key())).strip(),
              filter,
              rule(filledSource, file, name)));
    }
    return routes;
  }

  /**
   * The source keys the relay decides by. The rest ({@code access_token}, {@code gh_host}…) is left
   * out before vars are filled in, so the relay never needs, nor holds, the GitHub token.
   */
  private static Map<Object, Object> readKeys(Map<?, ?> source) {
    Map<Object, Object> read = new LinkedHashMap<>();
    for (String key : READ_KEYS) {
      if (source.containsKey(key)) {
        read.put(key, source.get(key));
      }
    }
    return read;
  }

  private static ApprovalRule rule(Map<String, Object> source, Path file, String resource) {
    List<String> approvers = strings(source, SourceKey.APPROVERS, file, resource);
    Object forbid = source.get(SourceKey.FORBID_SELF_APPROVAL.key());
    String flag = forbid == null ? "false" : String.valueOf(forbid).strip();
    if (!flag.equals("true") && !flag.equals("false")) {
      throw new RelayConfigException(
          file
              + ": resource "
              + resource
              + ": source.forbid_self_approval is neither true nor false: write true or false");
    }
    try {
      return ApprovalRule.of(approvers, flag.equals("true"));
    } catch (IllegalArgumentException e) {
      throw new RelayConfigException(
          file + ": resource " + resource + ": source.approvers: " + e.getMessage());
    }
  }

  private static List<String> strings(Map<?, ?> source, SourceKey key, Path file, String resource) {
    Object value = source.get(key.key());
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new RelayConfigException(
          file
              + ": resource "
              + resource
              + ": source."
              + key.key()
              + " is not a list: write [a, b]");
    }
    return list.stream().map(String::valueOf).toList();
  }
}
