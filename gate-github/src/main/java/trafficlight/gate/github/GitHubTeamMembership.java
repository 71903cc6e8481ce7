package trafficlight.gate.github;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import trafficlight.gate.Approver;
import trafficlight.gate.TeamMembership;
import trafficlight.github.GitHubClient;

/**
 * Team membership asked of GitHub ({@link GitHubClient#isActiveTeamMember}: a pending invitation is
 * not a membership). A failure to ask, a misspelt team among them, reaches the caller.
 */
public final class GitHubTeamMembership {

  private GitHubTeamMembership() {}

  /** Every question asked, conditionally under the client's response cache. */
  public static TeamMembership of(GitHubClient github) {
    return (team, login) -> github.isActiveTeamMember(team.org(), team.slug(), login);
  }

  /**
   * Each person's membership of each team asked at most once (names compared ignoring case): make
   * one per step, as with {@link GitHubRepositoryAccess}.
   */
  public static TeamMembership remembered(GitHubClient github) {
    TeamMembership asked = of(github);
    Map<String, Boolean> known = new ConcurrentHashMap<>();
    return (team, login) ->
        known.computeIfAbsent(key(team, login), k -> asked.isActiveMember(team, login));
  }

  private static String key(Approver.Team team, String login) {
    return (team.org() + "/" + team.slug() + ":" + login).toLowerCase(Locale.ROOT);
  }
}
