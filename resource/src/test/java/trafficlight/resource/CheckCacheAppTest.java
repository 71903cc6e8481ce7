package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.GitHubContract;
import trafficlight.contract.TestKeys;
import trafficlight.json.Json;
import trafficlight.localhub.RecordedRequest;

/** check's response cache with GitHub App credentials: neither the key nor a token is kept. */
class CheckCacheAppTest extends AsGitHubApp {

  @TempDir Path tmpdir;

  @Override
  GitHubContract contract() {
    return super.contract().allowingUndocumentedStatus(304);
  }

  @Test
  void theCacheOfAGitHubAppHoldsNoKeyAndNoInstallationToken() throws Exception {
    KeyPair key = TestKeys.rsa();
    installApp(key);
    String pem = GitHubApp.pem(key);
    Map<String, Object> app = trigger(GitHubApp.sourceKeys(GitHubApp.ID, pem));
    int number = open(TITLE);
    close(number);

    Run first = check(app, null, tmpdir);
    Run second = check(app, null, tmpdir);

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(hub.requests())
        .extracting(r -> r.operation() + " " + r.status())
        .containsExactly(
            "apps/create-installation-access-token 201",
            "issues/list-for-repo 200",
            "apps/create-installation-access-token 201",
            "issues/list-for-repo 304");
    String content = Files.readString(filesIn(tmpdir).get(0));
    for (String line : pem.lines().filter(l -> !l.startsWith("-----")).toList()) {
      assertThat(content).doesNotContain(line);
    }
    for (RecordedRequest r : hub.requests()) {
      if ("apps/create-installation-access-token".equals(r.operation())) {
        String installationToken = (String) ((Map<?, ?>) Json.parse(r.responseBody())).get("token");
        assertThat(content).doesNotContain(installationToken);
        secrets.add(installationToken);
      }
    }
  }
}
