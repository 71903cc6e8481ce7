package trafficlight.github;

/**
 * GitHub's answer to {@code GET /repos/{owner}/{repo}/collaborators/{username}/permission}.
 *
 * @param permission the legacy base role: {@code admin}, {@code write}, {@code read} or {@code
 *     none} (maintain maps to write, triage to read)
 * @param roleName the highest role from every source (repository, teams, organization, enterprise):
 *     {@code admin}, {@code maintain}, {@code write}, {@code triage}, {@code read}, a custom role's
 *     name, or {@code none}
 */
public record CollaboratorPermission(String permission, String roleName) {

  /** Not a collaborator (GitHub's 404). */
  public static final CollaboratorPermission NONE = new CollaboratorPermission("none", "none");
}
