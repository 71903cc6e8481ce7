package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.contract.GitHubContract;
import trafficlight.json.Json;
import trafficlight.localhub.MovableClock;
import trafficlight.localhub.RecordedRequest;

/** check's response cache with GitHub App credentials: neither the key nor a token is kept. */
class CheckCacheAppTest extends AgainstLocalHub {

  @TempDir Path tmpdir;

  /** An App's JWT is checked against localhub's clock, which must then be the real time. */
  @Override
  MovableClock clock() {
    return MovableClock.system();
  }

  @Override
  GitHubContract contract() {
    return super.contract().allowingUndocumentedStatus(304);
  }

  Run cachedCheck(Map<String, Object> source, Map<String, String> version) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("source", source);
    request.put("version", version);
    return run("check", request, Map.of("TMPDIR", tmpdir.toString()));
  }

  List<Path> cacheFiles() throws IOException {
    try (Stream<Path> files = Files.list(tmpdir)) {
      return files.toList();
    }
  }

  @Test
  void theCacheOfAGitHubAppHoldsNoKeyAndNoInstallationToken() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    hub.registerApp(77, (RSAPublicKey) key.getPublic());
    hub.installApp(77, 88, REPO);
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getPrivate().getEncoded());
    String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    Map<String, Object> app =
        trigger(
            "access_token",
            null,
            "auth_method",
            "app",
            "app_id",
            77,
            "app_installation_id",
            88,
            "private_ssh_key",
            pem);
    int number = open(TITLE);
    close(number);

    Run first = cachedCheck(app, null);
    Run second = cachedCheck(app, null);

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
    String content = Files.readString(cacheFiles().get(0));
    for (String line : body.split("\n")) {
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
