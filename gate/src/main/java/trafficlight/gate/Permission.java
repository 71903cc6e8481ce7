package trafficlight.gate;

import java.util.Locale;

/**
 * A person's permission on a repository, weakest first, as GitHub's role names spell them. GitHub's
 * {@code GET /repos/{owner}/{repo}/collaborators/{username}/permission} answers a legacy {@code
 * permission} ({@code admin}, {@code write}, {@code read}, {@code none}: maintain maps to write and
 * triage to read) and the {@code role_name} of the highest role; the role name tells triage from
 * read and maintain from write, and a custom role falls back to the legacy permission.
 */
public enum Permission {
  NONE,
  READ,
  TRIAGE,
  WRITE,
  MAINTAIN,
  ADMIN;

  /** Whether this permission is {@code other} or more. */
  public boolean atLeast(Permission other) {
    return compareTo(other) >= 0;
  }

  /**
   * The permission GitHub's answer names: {@code role_name} when it is a base role, else the legacy
   * {@code permission}; {@link #NONE} when neither reads.
   */
  public static Permission of(String permission, String roleName) {
    Permission role = base(roleName);
    Permission legacy = base(permission);
    if (role == null) {
      return legacy == null ? NONE : legacy;
    }
    return legacy != null && legacy.compareTo(role) > 0 ? legacy : role;
  }

  private static Permission base(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "admin" -> ADMIN;
      case "maintain" -> MAINTAIN;
      case "write", "push" -> WRITE;
      case "triage" -> TRIAGE;
      case "read", "pull" -> READ;
      case "none" -> NONE;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
