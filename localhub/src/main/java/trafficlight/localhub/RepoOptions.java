package trafficlight.localhub;

/**
 * Options for {@link LocalHub#createRepo(String, RepoOptions...)}; the default is public with
 * issues.
 */
public enum RepoOptions {
  /** Only authenticated users (and installations the repo is installed in) can see it. */
  PRIVATE,
  /** Issue endpoints answer {@code 410 Gone}, as GitHub does when issues are turned off. */
  ISSUES_DISABLED
}
