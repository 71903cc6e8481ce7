package trafficlight.localhub;

import java.util.List;

/**
 * The routes of pull requests: a commit's pull requests and one pull request. Listed before the
 * code routes, whose {@code /commits/{ref}} would otherwise take {@code /commits/{sha}/pulls}.
 * Comments on pull requests go through the issue comment routes, as on GitHub.
 */
final class PullRequestRoutes {
  private static final String REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
  private static final String CORE = RateLimiter.CORE;

  private PullRequestRoutes() {}

  static List<Route> routes(CodeRepositories code, PullRequestStore pulls) {
    PullRequestsEndpoints endpoints = new PullRequestsEndpoints(code, pulls);
    return List.of(
        Route.of(
            "GET",
            REPO + "/commits/(?<sha>[^/]+)/pulls",
            "repos/list-pull-requests-associated-with-commit",
            CORE,
            endpoints::forCommit),
        Route.of("GET", REPO + "/pulls/(?<number>[^/]+)", "pulls/get", CORE, endpoints::get));
  }
}
