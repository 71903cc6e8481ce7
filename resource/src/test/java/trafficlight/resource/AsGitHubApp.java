package trafficlight.resource;

import trafficlight.localhub.MovableClock;

/** Tests that sign in as a {@link GitHubApp} more than once, over more than a minute. */
abstract class AsGitHubApp extends AgainstLocalHub {

  /** An App's JWT is checked against localhub's clock, which must then be the real time. */
  @Override
  MovableClock clock() {
    return MovableClock.system();
  }
}
