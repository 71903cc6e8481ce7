package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.contract.GitHubContract;

/** The same flow against a GitHub Enterprise Server base URL, held to a ghes-3.x description. */
class EnterpriseServerTest extends AgainstLocalHub {

  @Override
  GitHubContract contract() {
    return GitHubContract.enterpriseServer().validatingRepositoryIdIssuesAsRepoIssues();
  }

  @Test
  void putCheckAndGetWorkUnderApiV3() {
    String ghes = hub.enterpriseBaseUrl() + "/";
    Run put = out(post("gh_host", ghes), Map.of(), build("1"));
    int number = Integer.parseInt(put.version().get("issue_number"));
    close(number);
    Run check = check(trigger("gh_host", ghes), null);
    Run get = in(trigger("gh_host", ghes), check.versions().get(0), Map.of(), build("2"));

    assertThat(put.exit()).as(put.toString()).isZero();
    assertThat(check.issueNumbers()).containsExactly((long) number);
    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(hub.issue(REPO, number).title()).startsWith("[CONSUMED #2]");
    assertThat(hub.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/api/v3/"));
  }
}
