package trafficlight.localhub;

import java.util.List;

/** The routes of code repositories: commits, comparisons, deployments and their statuses. */
final class CodeRoutes {
  private static final String REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
  private static final String DEPLOYMENT = REPO + "/deployments/(?<deployment>[^/]+)";
  private static final String CORE = RateLimiter.CORE;

  private CodeRoutes() {}

  static List<Route> routes(CodeRepositories code, DeploymentStore deployments) {
    CommitsEndpoints commits = new CommitsEndpoints(code);
    DeploymentsEndpoints deploys = new DeploymentsEndpoints(code, deployments);
    return List.of(
        Route.of("GET", REPO + "/commits/(?<ref>.+)", "repos/get-commit", CORE, commits::get),
        Route.of(
            "GET",
            REPO + "/compare/(?<basehead>.+)",
            "repos/compare-commits-with-basehead",
            CORE,
            commits::compare),
        Route.of("GET", REPO + "/deployments", "repos/list-deployments", CORE, deploys::list),
        Route.of("POST", REPO + "/deployments", "repos/create-deployment", CORE, deploys::create),
        Route.of(
            "GET",
            DEPLOYMENT + "/statuses",
            "repos/list-deployment-statuses",
            CORE,
            deploys::listStatuses),
        Route.of(
            "POST",
            DEPLOYMENT + "/statuses",
            "repos/create-deployment-status",
            CORE,
            deploys::createStatus));
  }
}
