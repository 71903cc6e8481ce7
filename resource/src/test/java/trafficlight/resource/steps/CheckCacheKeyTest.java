package trafficlight.resource.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckCacheKeyTest {

  static Map<String, Object> source(Object... keyValues) {
    Map<String, Object> source =
        Sources.of("issue_prefix", "[bot] QA", "labels", List.of("a", "b"));
    source.putAll(Sources.of(keyValues));
    return source;
  }

  @Test
  void secretsDoNotEnterTheKey() {
    String key = CheckCacheKey.of(source());
    assertThat(CheckCacheKey.of(source("access_token", "ghp_one"))).isEqualTo(key);
    assertThat(CheckCacheKey.of(source("access_token", "ghp_two"))).isEqualTo(key);
    assertThat(CheckCacheKey.of(source("private_ssh_key", "-----BEGIN"))).isEqualTo(key);
    assertThat(key).matches("[0-9a-f]{64}");
  }

  @Test
  void everyOtherKeyChangesIt() {
    String key = CheckCacheKey.of(source());
    assertThat(CheckCacheKey.of(source("issue_prefix", "[bot] Prod"))).isNotEqualTo(key);
    assertThat(CheckCacheKey.of(source("labels", List.of("b", "a")))).isNotEqualTo(key);
    assertThat(CheckCacheKey.of(source("gh_host", "https://ghe.example.com/api/v3")))
        .isNotEqualTo(key);
    assertThat(CheckCacheKey.of(source("issue_state", "open"))).isNotEqualTo(key);
  }

  @Test
  void theOrderOfKeysDoesNotMatter() {
    Map<String, Object> reversed = new LinkedHashMap<>();
    List<Map.Entry<String, Object>> entries = List.copyOf(source().entrySet());
    for (int i = entries.size() - 1; i >= 0; i--) {
      reversed.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    assertThat(CheckCacheKey.of(reversed)).isEqualTo(CheckCacheKey.of(source()));
  }

  @Test
  void theFileIsNamedByTheKey() {
    String name = IssueGateResource.cacheFileName(CheckCacheKey.of(source()));
    assertThat(name).matches("trafficlight-check-[0-9a-f]{32}\\.json");
  }
}
