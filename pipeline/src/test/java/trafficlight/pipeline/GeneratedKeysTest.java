package trafficlight.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trafficlight.gate.ResourceInterface;
import trafficlight.gate.ResourceInterface.GetParam;
import trafficlight.gate.ResourceInterface.PutParam;
import trafficlight.gate.ResourceInterface.SourceKey;

/**
 * The generator writes only keys the resource accepts: with every chain option on, every {@code
 * source} key of every gate resource and every {@code params} key of every put and get of one is a
 * key of {@link ResourceInterface}, which the resource's parsers take as their list of valid keys.
 */
class GeneratedKeysTest {

  /** Every chain key the generator turns into a source or params key, App auth and relayed. */
  static final String APP_RELAYED =
      """
      project: myapp
      deployer: Pulumi
      title: "[deploy] {project} {stage} deployed."
      stages:
      - CI
      - {name: QA, approvers: [alice, "@my-org/release"], forbid_self_approval: true}
      - {name: Production, approvers: [carol], pr_comments: false, deploy: {task: ship, file: myapp/ci/ship.yml}}
      issues:
        repository: my-org/deploy-gates
        gh_host: https://github.example.com/api/v3
        auth_method: app
        app_id: ((gates.app_id))
        app_installation_id: ((gates.installation_id))
        private_ssh_key: ((gates.private_key))
        timeout: 60
        skip_if_labeled: [on-hold]
      code: [{name: myapp, type: git, source: {uri: u}}, {name: infra, type: git, source: {uri: v}}]
      deploy: {task: deploy, file: myapp/ci/deploy.yml}
      labels: [myapp]
      assignees: [octocat]
      approvers: [bob]
      forbid_self_approval: true
      pr_comments: true
      commit_from: myapp
      pin: true
      pin_image: my/git:1
      relay: {webhook_token: ((hook)), check_every: 2h}
      resource_types: [{name: slack, type: registry-image, source: {repository: slack}}]
      resources: [{name: notify, type: slack, source: {url: ((slack))}}]
      """;

  /** A token, and a trigger checked on a schedule with a webhook of its own. */
  static final String TOKEN_CHECKED =
      """
      project: myapp
      stages: [CI, QA, Production]
      issues: {repository: my-org/deploy-gates, access_token: ((github.token))}
      code: [{name: myapp, type: git, source: {uri: u}}]
      deploy: {task: deploy, file: myapp/ci/deploy.yml}
      check_every: 1m
      webhook_token: ((hook))
      commit_from: myapp
      approvers: [alice]
      """;

  @ParameterizedTest
  @ValueSource(strings = {APP_RELAYED, TOKEN_CHECKED})
  void everySourceAndParamsKeyIsOneTheResourceAccepts(String chainFile) throws Exception {
    Map<String, Object> pipeline =
        PipelineGenerator.generate(ChainReader.parse(chainFile, "chain.yml"));
    Keys keys = Keys.of(pipeline);

    assertThat(keys.source).isSubsetOf(ResourceInterface.keys(SourceKey.class));
    assertThat(keys.put).isSubsetOf(ResourceInterface.keys(PutParam.class));
    assertThat(keys.get).isSubsetOf(ResourceInterface.keys(GetParam.class));
    // the walk saw what the options turn on: a stray key could not hide where it did not look
    assertThat(keys.source)
        .contains("repository", "issue_state", "issue_prefix", "approvers", "labels");
    assertThat(keys.put).contains("commit_from", "approval", "next_stage", "approvers");
  }

  /** The keys written for the gate resources, collected over the whole pipeline. */
  record Keys(Set<String> source, Set<String> put, Set<String> get) {

    @SuppressWarnings("unchecked")
    static Keys of(Map<String, Object> pipeline) {
      List<Map<String, Object>> resources = (List<Map<String, Object>>) pipeline.get("resources");
      List<Map<String, Object>> gates =
          resources.stream().filter(r -> Chain.RESOURCE_TYPE.equals(r.get("type"))).toList();
      assertThat(gates).isNotEmpty();
      Set<String> names =
          gates.stream().map(r -> (String) r.get("name")).collect(Collectors.toSet());
      Keys keys = new Keys(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
      gates.forEach(r -> keys.source.addAll(((Map<String, Object>) r.get("source")).keySet()));
      for (Map<String, Object> step : steps(pipeline.get("jobs"), new ArrayList<>())) {
        if (names.contains(step.get("put"))) {
          keys.put.addAll(params(step, "params"));
          keys.get.addAll(params(step, "get_params"));
        }
        if (names.contains(step.get("get"))) {
          keys.get.addAll(params(step, "params"));
        }
      }
      return keys;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> params(Map<String, Object> step, String key) {
      Object params = step.get(key);
      return params == null ? Set.of() : ((Map<String, Object>) params).keySet();
    }

    /** Every map anywhere in the jobs: plans, hooks, do and in_parallel alike. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Object node, List<Map<String, Object>> found) {
      if (node instanceof Map<?, ?> map) {
        found.add((Map<String, Object>) map);
        map.values().forEach(v -> steps(v, found));
      } else if (node instanceof List<?> list) {
        list.forEach(v -> steps(v, found));
      }
      return found;
    }
  }
}
