package trafficlight.localhub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The GitHub REST endpoints the hub serves, and what GitHub does around every one of them:
 * authentication, primary rate limits, ETags and conditional requests, and the standard headers.
 */
final class GitHubApi {
  private static final String REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
  private static final String BY_ID = "/repositories/(?<id>\\d+)";
  private static final String ISSUE = "/issues/(?<number>[^/]+)";
  private static final String CORE = RateLimiter.CORE;
  static final String INSTALLATION_TOKEN_OPERATION = "apps/create-installation-access-token";

  private final HubStore store;
  private final Authenticator authenticator;
  private final RateLimiter limiter;
  private final List<Route> routes;

  GitHubApi(HubStore store, RateLimiter limiter, List<Route> moreRoutes) {
    this.store = store;
    this.authenticator = new Authenticator(store);
    this.limiter = limiter;
    List<Route> builtIn =
        List.of(
            Route.of("GET", REPO, "repos/get", CORE, RepoEndpoints::get),
            Route.of("GET", REPO + "/issues", "issues/list-for-repo", CORE, IssuesEndpoints::list),
            Route.of("GET", BY_ID + "/issues", "issues/list-for-repo", CORE, IssuesEndpoints::list),
            Route.of("POST", REPO + "/issues", "issues/create", CORE, IssuesEndpoints::create),
            Route.of("GET", REPO + ISSUE, "issues/get", CORE, IssuesEndpoints::get),
            Route.of("GET", BY_ID + ISSUE, "issues/get", CORE, IssuesEndpoints::get),
            Route.of("PATCH", REPO + ISSUE, "issues/update", CORE, IssuesEndpoints::update),
            Route.of(
                "GET",
                REPO + ISSUE + "/comments",
                "issues/list-comments",
                CORE,
                CommentsEndpoints::list),
            Route.of(
                "GET",
                BY_ID + ISSUE + "/comments",
                "issues/list-comments",
                CORE,
                CommentsEndpoints::list),
            Route.of(
                "POST",
                REPO + ISSUE + "/comments",
                "issues/create-comment",
                CORE,
                CommentsEndpoints::create),
            Route.of(
                "PATCH",
                REPO + "/issues/comments/(?<commentId>\\d+)",
                "issues/update-comment",
                CORE,
                CommentsEndpoints::update),
            Route.of(
                "POST",
                REPO + ISSUE + "/labels",
                "issues/add-labels",
                CORE,
                IssuesEndpoints::addLabels),
            Route.of(
                "GET",
                REPO + "/labels",
                "issues/list-labels-for-repo",
                CORE,
                IssuesEndpoints::listLabels),
            Route.of(
                "GET",
                BY_ID + "/labels",
                "issues/list-labels-for-repo",
                CORE,
                IssuesEndpoints::listLabels),
            Route.of(
                "GET",
                "/search/issues",
                "search/issues-and-pull-requests",
                RateLimiter.SEARCH,
                SearchEndpoint::search),
            Route.of(
                "GET",
                "/orgs/(?<org>[^/]+)/teams/(?<team>[^/]+)/memberships/(?<username>[^/]+)",
                "teams/get-membership-for-user-in-org",
                CORE,
                TeamsEndpoint::membership),
            Route.of("GET", "/user", "users/get-authenticated", CORE, UserEndpoint::authenticated),
            Route.of(
                "GET",
                REPO + "/collaborators/(?<username>[^/]+)/permission",
                "repos/get-collaborator-permission-level",
                CORE,
                PermissionEndpoint::permission),
            Route.of(
                "GET",
                "/orgs/(?<org>[^/]+)/teams/(?<team>[^/]+)",
                "teams/get-by-name",
                CORE,
                TeamsEndpoint::team),
            Route.of(
                "GET",
                "/rate_limit",
                "rate-limit/get",
                null,
                call -> RepoEndpoints.rateLimit(call, limiter)),
            Route.of(
                "POST",
                "/app/installations/(?<installation>[^/]+)/access_tokens",
                INSTALLATION_TOKEN_OPERATION,
                null,
                AppsEndpoint::createInstallationToken));
    this.routes = Stream.concat(builtIn.stream(), moreRoutes.stream()).toList();
  }

  record Match(Route route, Matcher matcher) {}

  Optional<Match> match(String method, String path) {
    for (Route route : routes) {
      Matcher m = route.match(method, path);
      if (m != null) {
        return Optional.of(new Match(route, m));
      }
    }
    return Optional.empty();
  }

  /** The operationId of the endpoint a request is for, or null. */
  String operation(String method, String path) {
    return match(method, path).map(m -> m.route().operation()).orElse(null);
  }

  ApiResponse handle(ApiRequest request) {
    Optional<Match> match = match(request.method(), request.path());
    // these authenticate with an App's own credentials (a JWT; an OAuth App's Basic auth)
    boolean ownAuth =
        match
            .map(
                m ->
                    m.route().operation().equals(INSTALLATION_TOKEN_OPERATION)
                        || m.route().operation().equals(OAuthTokenRevocation.OPERATION))
            .orElse(false);
    Principal principal =
        ownAuth
            ? new Principal.Anonymous(request.clientAddress())
            : authenticator.authenticate(request).orElse(null);
    if (principal == null) {
      Principal anonymous = new Principal.Anonymous(request.clientAddress());
      return withStandardHeaders(GitHubErrors.badCredentials(), limiter.peek(anonymous, CORE));
    }
    String resource = match.isPresent() ? match.get().route().rateResource() : CORE;
    boolean counted = resource != null;
    String bucket = resource == null ? CORE : resource;
    RateLimiter.Status before = limiter.peek(principal, bucket);
    if (counted && before.remaining() == 0) {
      return withStandardHeaders(rateLimitExceeded(principal, request), before);
    }
    ApiResponse response;
    if (match.isEmpty()) {
      response = GitHubErrors.notFound();
    } else {
      try {
        synchronized (store) {
          response =
              match
                  .get()
                  .route()
                  .handler()
                  .handle(new ApiCall(request, principal, store, match.get().matcher()));
        }
      } catch (ApiException e) {
        response = e.response;
      }
    }
    if (request.method().equals("GET") && response.status == 200 && response.body != null) {
      String etag = "W/\"" + sha256(response.body) + "\"";
      response.header("etag", etag);
      String ifNoneMatch = request.header("If-None-Match");
      if (ifNoneMatch != null && matchesEtag(ifNoneMatch, etag)) {
        ApiResponse notModified = ApiResponse.empty(304).header("etag", etag);
        return withStandardHeaders(notModified, before);
      }
    }
    RateLimiter.Status after = counted ? limiter.consume(principal, bucket) : before;
    return withStandardHeaders(response, after);
  }

  private static boolean matchesEtag(String ifNoneMatch, String etag) {
    String bare = etag.substring(2);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || c.equals(etag) || c.equals(bare) || c.equals("W/" + bare)) {
        return true;
      }
    }
    return false;
  }

  private ApiResponse rateLimitExceeded(Principal principal, ApiRequest request) {
    String who;
    if (principal instanceof Principal.UserToken u) {
      who = "user ID " + u.user().id() + ".";
    } else if (principal instanceof Principal.InstallationAccess i) {
      who = "installation ID " + i.installation().id() + ".";
    } else {
      who =
          request.clientAddress()
              + ". (But here's the good news: Authenticated requests get a higher rate limit."
              + " Check out the documentation for more details.)";
    }
    return GitHubErrors.error(
        403,
        "API rate limit exceeded for " + who,
        "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting");
  }

  /** Adds the headers GitHub sends with every API response. */
  static ApiResponse withStandardHeaders(ApiResponse response, RateLimiter.Status rate) {
    if (response.body != null) {
      response.headers.putIfAbsent("content-type", "application/json; charset=utf-8");
    }
    response.header("x-ratelimit-limit", String.valueOf(rate.limit()));
    response.header("x-ratelimit-remaining", String.valueOf(rate.remaining()));
    response.header("x-ratelimit-used", String.valueOf(rate.used()));
    response.header("x-ratelimit-reset", String.valueOf(rate.resetEpochSeconds()));
    response.header("x-ratelimit-resource", rate.resource());
    response.header("x-github-api-version-selected", "2022-11-28");
    response.header("x-github-media-type", "github.v3; format=json");
    response.header("x-github-request-id", requestId());
    return response;
  }

  static String requestId() {
    String hex = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    return hex.substring(0, 4)
        + ":"
        + hex.substring(4, 10)
        + ":"
        + hex.substring(10, 17)
        + ":"
        + hex.substring(17, 24)
        + ":"
        + hex.substring(24, 32);
  }

  private static String sha256(String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
