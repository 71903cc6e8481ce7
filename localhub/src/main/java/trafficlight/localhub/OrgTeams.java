package trafficlight.localhub;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The organizations' members and teams, as far as the hub imitates them: who belongs to an
 * organization, and each team's memberships ({@code active} or {@code pending}). Child teams are
 * not imitated. Not thread-safe: {@link HubStore} guards it.
 */
final class OrgTeams {
  static final String ACTIVE = "active";
  static final String PENDING = "pending";

  private final Map<String, Map<String, String>> orgMembers = new HashMap<>();
  private final Map<String, Map<String, String>> teams = new HashMap<>();
  private final Map<String, java.util.Set<String>> publicMembers = new HashMap<>();

  void addOrgMember(String org, String login, boolean publicMembership) {
    orgMembers.computeIfAbsent(key(org), k -> new LinkedHashMap<>()).put(key(login), login);
    java.util.Set<String> shown =
        publicMembers.computeIfAbsent(key(org), k -> new java.util.HashSet<>());
    if (publicMembership) {
      shown.add(key(login));
    } else {
      shown.remove(key(login));
    }
  }

  /**
   * Whether the login shows as a member: GitHub says {@code MEMBER} only for members who made their
   * membership public; a private member (the default) shows as {@code NONE}.
   */
  boolean isPublicOrgMember(String org, String login) {
    return publicMembers.getOrDefault(key(org), java.util.Set.of()).contains(key(login));
  }

  /** Sets a membership; a null state removes it (the team stays). */
  void setMembership(String org, String team, String login, String state) {
    Map<String, String> members = teams.computeIfAbsent(teamKey(org, team), k -> new HashMap<>());
    if (state == null) {
      members.remove(key(login));
    } else {
      members.put(key(login), state);
    }
  }

  boolean teamExists(String org, String team) {
    return teams.containsKey(teamKey(org, team));
  }

  long activeMembers(String org, String team) {
    return teams.getOrDefault(teamKey(org, team), Map.of()).values().stream()
        .filter(ACTIVE::equals)
        .count();
  }

  /** The state of a login's membership of a team, or empty when it has none. */
  Optional<String> membership(String org, String team, String login) {
    return Optional.ofNullable(teams.getOrDefault(teamKey(org, team), Map.of()).get(key(login)));
  }

  /** Members of an organization: those added as such and the active members of its teams. */
  boolean isOrgMember(String org, String login) {
    if (orgMembers.getOrDefault(key(org), Map.of()).containsKey(key(login))) {
      return true;
    }
    String prefix = key(org) + "/";
    return teams.entrySet().stream()
        .anyMatch(
            t -> t.getKey().startsWith(prefix) && ACTIVE.equals(t.getValue().get(key(login))));
  }

  private static String teamKey(String org, String team) {
    return key(org) + "/" + key(team);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
