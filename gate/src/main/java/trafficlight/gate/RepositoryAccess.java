package trafficlight.gate;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers a person's permission on the gate repository ({@code GET
 * /repos/{owner}/{repo}/collaborators/{username}/permission}; not a collaborator is {@link
 * Permission#NONE}). Implementations may fail, for instance when the credentials may not ask: that
 * failure must reach the caller, never become "no permission".
 */
@FunctionalInterface
public interface RepositoryAccess {

  Permission permissionOf(String login);

  /** Nobody has any permission: for readers that may not ask (only the author counts). */
  RepositoryAccess NOBODY = login -> Permission.NONE;

  /**
   * {@code lookup} asked at most once per person (logins compared ignoring case): wrap one per step
   * (a get, a board refresh, a promotion), so a person with several comments costs one request.
   */
  static RepositoryAccess memoized(Function<String, Permission> lookup) {
    Map<String, Permission> known = new ConcurrentHashMap<>();
    return login -> known.computeIfAbsent(login.toLowerCase(Locale.ROOT), k -> lookup.apply(login));
  }
}
