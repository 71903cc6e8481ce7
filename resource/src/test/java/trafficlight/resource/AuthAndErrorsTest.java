package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.contract.GitHubContract;
import trafficlight.contract.TestKeys;

class AuthAndErrorsTest extends AsGitHubApp {

  /** GitHub's description documents no 401 for the issue list; GitHub sends it all the same. */
  @Override
  GitHubContract contract() {
    return super.contract().allowingUndocumentedStatus(401);
  }

  @Test
  void aWrongTokenIsOneLineNamingTheCredentials() {
    Run run = check(trigger("access_token", "ghp_wrongwrongwrong"), null);
    secrets.add("ghp_wrongwrongwrong");
    assertFailedWithOneLine(run, "401 Bad credentials");
    assertThat(run.stderr()).contains("access_token");
  }

  @Test
  void anUnknownRepositoryIsOneLine() {
    Run run = check(trigger("repository", "acme/nope"), null);
    assertFailedWithOneLine(run, "404");
    assertThat(run.stderr()).contains("no such repository");
  }

  @Test
  void badStdinIsOneLine() {
    assertFailedWithOneLine(runRaw("check", "", Map.of()), "no request on stdin");
    assertFailedWithOneLine(runRaw("check", "{\"source\": ", Map.of()), "not valid JSON");
    assertFailedWithOneLine(runRaw("check", "[1]", Map.of()), "must be a JSON object");
    assertFailedWithOneLine(runRaw("check", "{}", Map.of()), "has no \"source\" object");
    assertFailedWithOneLine(
        runRaw("check", "{\"source\": \"acme/gates\"}", Map.of()),
        "\"source\" in the request must be a JSON object, got a string");
    assertFailedWithOneLine(
        runRaw(
            "check",
            "{\"source\": {\"repository\": \"acme/gates\"}, \"version\": {\"issue_number\": 5}}",
            Map.of()),
        "version field \"issue_number\" must be a string");
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void plainHttpToAnotherMachineIsWarnedAbout() {
    Run run = check(trigger("gh_host", "http://ghe.invalid/api/v3"), null);
    assertThat(run.stderr().lines().findFirst().orElseThrow())
        .isEqualTo(
            "warning: gh_host http://ghe.invalid/api/v3 is plain http to another machine:"
                + " credentials travel unencrypted; use https");
    assertFailedWithOneLine(run, "the host ghe.invalid is unknown (no DNS record)");
  }

  @Test
  void anUnknownSourceKeySuggestsTheNearest() {
    Run run = check(trigger("skip_if_labelled", List.of("x")), null);
    assertFailedWithOneLine(
        run, "unknown source key \"skip_if_labelled\": did you mean \"skip_if_labeled\"?");
  }

  @Test
  void aGitHubAppAuthenticatesWithAPkcs1Key() throws Exception {
    assertAppWorks(TestKeys.pem("RSA PRIVATE KEY", pkcs1(appKey.getPrivate().getEncoded())));
  }

  @Test
  void aGitHubAppAuthenticatesWithAPkcs8Key() throws Exception {
    assertAppWorks(GitHubApp.pem(appKey));
  }

  @Test
  void anotherAppsKeyIsRejectedWithoutPrintingAnything() throws Exception {
    KeyPair other = TestKeys.rsa();
    installApp(appKey);
    String key = GitHubApp.pem(other);
    secrets.add(key.lines().skip(1).findFirst().orElseThrow());

    Run run = check(app(key), null);

    assertFailedWithOneLine(run, "GitHub App authentication failed");
  }

  private final KeyPair appKey = TestKeys.rsa();

  private Map<String, Object> app(String key) {
    return trigger(GitHubApp.sourceKeys("77", key));
  }

  private void assertAppWorks(String key) {
    installApp(appKey);
    int number = open(TITLE);
    close(number);
    key.lines().filter(l -> !l.startsWith("-----")).forEach(secrets::add);

    Run run = check(app(key), null);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.issueNumbers()).containsExactly((long) number);
    assertThat(hub.requests())
        .extracting(r -> r.operation())
        .containsExactly("apps/create-installation-access-token", "issues/list-for-repo");
    String jwt = hub.requests().get(0).header("Authorization").substring("Bearer ".length());
    String installationToken =
        hub.requests().get(1).header("Authorization").substring("Bearer ".length());
    secrets.add(jwt);
    secrets.add(installationToken);
    assertThat(installationToken).startsWith("ghs_");
  }

  /** The PKCS#1 key inside a 2048-bit key's PKCS#8 encoding (after a 26-byte header). */
  private static byte[] pkcs1(byte[] pkcs8) {
    return Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
  }
}
