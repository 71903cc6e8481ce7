package trafficlight.github;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests to GitHub's REST API, for the operation groups ({@link Issues}, {@link Commits}, {@link
 * Deployments}, {@link People}, {@link PullRequests}): authentication, paging through {@code Link}
 * headers, retries, rate limits, and the response cache with its conditional requests and answers
 * kept for good. Not thread-safe for App credentials until the first request has been made.
 */
final class GitHubRequests implements AutoCloseable {

  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
  private static final String USER_AGENT = "trafficlight-resource";

  private final GitHubEndpoint endpoint;
  private final Credentials credentials;
  private final Attempts attempts;
  private final Clock clock = Clock.systemUTC();
  private final RateLimits rateLimits = new RateLimits(clock);
  private final ResponseCache cache;
  private final ImmutableAnswers remembered = new ImmutableAnswers();
  private String bearer;

  GitHubRequests(
      GitHubEndpoint endpoint, Credentials credentials, Attempts attempts, ResponseCache cache) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.attempts = attempts;
    this.cache = cache == null ? ResponseCache.NONE : cache;
  }

  GitHubEndpoint endpoint() {
    return endpoint;
  }

  Consumer<String> log() {
    return attempts.log();
  }

  /** A request to a path of the API; a POST is never retried after an unknown outcome. */
  Response call(String method, String path, Object body) {
    String json = body == null ? null : GitHubJson.write(body);
    return send(method, endpoint.resolve(path), json, !"POST".equals(method), bearerToken());
  }

  /** A GET's JSON answer, with this client's authentication, retries and caches. */
  Object getJson(String path) {
    return call("GET", path, null).json();
  }

  /** A write's JSON answer; a POST is never retried after an unknown outcome. */
  Object sendJson(String method, String path, Object body) {
    return call(method, path, body).json();
  }

  /**
   * The items of a paged listing, lazily: a page is requested only when iteration reaches it, so a
   * caller that stops early spends no further requests.
   */
  <T> Iterable<T> paged(String pathAndQuery, Function<Object, List<T>> parse) {
    URI first = endpoint.resolve(pathAndQuery);
    return () -> new PagedIterator<>(first, parse);
  }

  /** All the items of a paged listing. */
  <T> List<T> all(String pathAndQuery, Function<Object, List<T>> parse) {
    List<T> items = new ArrayList<>();
    paged(pathAndQuery, parse).forEach(items::add);
    return items;
  }

  /** The answers this client keeps for good, by URL. */
  ImmutableAnswers immutableAnswers() {
    return remembered;
  }

  /** Keeps {@code essentials} as the answer to a GET of {@code url} for good, in the cache. */
  void rememberImmutable(String url, Object essentials) {
    cache.store(url, ResponseCache.Entry.immutable("immutable", GitHubJson.write(essentials)));
  }

  /**
   * A GET whose answer is kept for good when {@code fixed}: from this client's memory, else from an
   * immutable cache entry, else asked and then kept in both (as {@code essentials}, the fields this
   * project reads, not GitHub's whole answer).
   */
  <T> T remembered(
      String path,
      boolean fixed,
      Class<T> type,
      Function<Object, T> parse,
      Function<T, Object> essentials,
      Function<GitHubException, GitHubException> onError) {
    URI uri = endpoint.resolve(path);
    String url = uri.toString();
    if (fixed) {
      T known = remembered.get(url, type);
      if (known != null) {
        return known;
      }
    }
    Response response;
    try {
      response = send("GET", uri, null, true, bearerToken());
    } catch (GitHubException e) {
      throw onError.apply(e);
    }
    T value = parse.apply(response.json());
    if (fixed) {
      remembered.put(url, value);
      String etag = response.http().header("etag");
      if (etag != null && !etag.isEmpty()) {
        cache.store(
            url, ResponseCache.Entry.immutable(etag, GitHubJson.write(essentials.apply(value))));
      }
    }
    return value;
  }

  /**
   * Whether a 404 to a GET of {@code path}, which carries no ETag to ask with, was remembered under
   * {@code kind} by {@link #rememberAbsent} and is still believed.
   */
  boolean knownAbsent(String path, String kind) {
    ResponseCache.Entry entry = cache.lookup(absenceKey(path, kind));
    return entry != null && clock.instant().isBefore(absentUntil(entry));
  }

  /** Remembers a 404 to a GET of {@code path} for {@code time}. */
  void rememberAbsent(String path, String kind, Duration time) {
    Instant until = clock.instant().plus(time);
    cache.store(absenceKey(path, kind), new ResponseCache.Entry(kind, until.toString(), null));
  }

  /** Forgets a remembered 404: {@code path} answered. */
  void forgetAbsent(String path, String kind) {
    cache.forget(absenceKey(path, kind));
  }

  private String absenceKey(String path, String kind) {
    return endpoint.resolve(path) + "#" + kind;
  }

  private static Instant absentUntil(ResponseCache.Entry entry) {
    try {
      return Instant.parse(entry.body());
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }

  /**
   * One logical request: retried where that is safe ({@code repeatable}), errors turned into
   * one-line messages.
   */
  private Response send(String method, URI uri, String body, boolean repeatable, String token) {
    String what = method + " " + endpoint.relative(uri);
    boolean cacheable = "GET".equals(method);
    String url = uri.toString();
    if (cacheable) {
      Response known = fromImmutable(url);
      if (known != null) {
        return known;
      }
    }
    boolean conditional = cacheable;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempts.isLast(attempt);
      ResponseCache.Entry cached = conditional ? cache.lookup(url) : null;
      Map<String, String> headers = headers(token);
      if (cached != null) {
        headers.put("If-None-Match", cached.etag());
      }
      HttpResult result;
      try {
        result = attempts.send(method, uri, headers, body);
      } catch (IOException e) {
        String tls = TlsFailure.explain(uri, e);
        if (tls != null) {
          // a certificate problem: the request was never sent, and repeating it cannot help
          throw new GitHubException(0, what + " failed: " + tls, e);
        }
        String failure = what + " failed: " + FailureMessages.describe(uri, e);
        if (repeatable && !last) {
          attempts.retryAfter(attempts.backoff(attempt), failure, attempt);
          continue;
        }
        throw new GitHubException(0, failure, e);
      }
      int status = result.status();
      if (status == 304) {
        // Not Modified: neither an error nor a reason to retry, and not counted against the rate
        // limit; the answer is the entry whose ETag was sent. If that entry is unusable, ask again
        // unconditionally (not a retry). A 304 to a request without If-None-Match is a server
        // fault that no repetition would mend.
        if (cached != null) {
          Response fromCache = fromCache(url, cached, result);
          if (fromCache != null) {
            return fromCache;
          }
          conditional = false;
          attempt--;
          continue;
        }
        throw new GitHubException(
            status, what + ": GitHub answered 304 Not Modified to an unconditional request");
      }
      if (status >= 500) {
        String failure = what + ": GitHub answered " + status + FailureMessages.summary(result);
        if (repeatable && !last) {
          attempts.retryAfter(attempts.backoff(attempt), failure, attempt);
          continue;
        }
        throw new GitHubException(status, failure);
      }
      if (RateLimits.isRateLimited(result)) {
        Duration wait = rateLimits.waitFor(result);
        String failure = what + ": " + rateLimits.message(result, wait);
        if (!last && attempts.waitsOut(wait)) {
          // GitHub did not apply a rate-limited request: repeating even a POST is safe.
          attempts.retryAfter(wait, failure, attempt);
          continue;
        }
        throw new RateLimitException(status, failure, clock.instant().plus(wait));
      }
      if (status >= 400) {
        throw new GitHubException(
            status,
            what + ": " + FailureMessages.explain(result),
            FailureMessages.githubMessage(result));
      }
      Object json;
      try {
        json = GitHubJson.parse(result.body());
      } catch (IOException | RuntimeException e) {
        String failure =
            what
                + ": GitHub answered "
                + status
                + " with a body that is not JSON"
                + FailureMessages.snippet(result);
        if (repeatable && !last) {
          attempts.retryAfter(attempts.backoff(attempt), failure, attempt);
          continue;
        }
        throw new GitHubException(0, failure, e);
      }
      if (cacheable && status == 200) {
        String etag = result.header("etag");
        if (etag != null && !etag.isEmpty()) {
          cache.store(url, new ResponseCache.Entry(etag, result.body(), result.header("link")));
        } else {
          cache.forget(url);
        }
      }
      return new Response(result, json);
    }
  }

  /** The answer of an immutable cache entry for the URL, or null (unusable entries dropped). */
  private Response fromImmutable(String url) {
    ResponseCache.Entry entry = cache.lookup(url);
    if (entry == null || !entry.immutable()) {
      return null;
    }
    try {
      Object json = GitHubJson.parse(entry.body());
      Map<String, List<String>> headers = Map.of("etag", List.of(entry.etag()));
      return new Response(new HttpResult(200, headers, entry.body()), json);
    } catch (IOException | RuntimeException e) {
      cache.forget(url);
      return null;
    }
  }

  /** The cached answer a 304 stands for, or null (and the entry dropped) if it is unusable. */
  private Response fromCache(String url, ResponseCache.Entry cached, HttpResult notModified) {
    Object json;
    try {
      json = GitHubJson.parse(cached.body());
    } catch (IOException | RuntimeException e) {
      cache.forget(url);
      return null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(notModified.headers());
    headers.remove("link");
    if (cached.link() != null) {
      headers.put("link", List.of(cached.link()));
    }
    return new Response(new HttpResult(200, headers, cached.body()), json);
  }

  private static Map<String, String> headers(String token) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    headers.put("User-Agent", USER_AGENT);
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return headers;
  }

  private String bearerToken() {
    if (bearer == null) {
      if (credentials instanceof Credentials.Token token) {
        bearer = token.value();
      } else if (credentials instanceof Credentials.App app) {
        bearer = installationToken(app);
      }
    }
    return bearer;
  }

  private String installationToken(Credentials.App app) {
    String jwt = AppJwt.sign(app.appId(), app.privateKey(), clock.instant());
    URI uri = endpoint.resolve("/app/installations/" + app.installationId() + "/access_tokens");
    try {
      // Repeating the exchange after a lost response only mints another token: safe to retry.
      Response response = send("POST", uri, null, true, jwt);
      if (response.json() instanceof Map<?, ?> m && m.get("token") instanceof String token) {
        return token;
      }
      throw new GitHubException(0, "GitHub's installation token response holds no token");
    } catch (GitHubException e) {
      if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
        throw new GitHubException(
            e.status(),
            "GitHub App authentication failed: POST "
                + endpoint.relative(uri)
                + " answered "
                + e.status()
                + " "
                + e.githubMessage()
                + "; check app_id, app_installation_id and that private_ssh_key is the App's"
                + " current key");
      }
      throw e;
    }
  }

  @Override
  public void close() {
    attempts.transport().close();
  }

  /** An answer: the HTTP result and its parsed JSON body. */
  record Response(HttpResult http, Object json) {
    String nextPage() {
      String link = http.header("link");
      if (link == null) {
        return null;
      }
      Matcher m = NEXT_LINK.matcher(link);
      return m.find() ? m.group(1) : null;
    }
  }

  /** Iterates the items of a paged listing, requesting each page when it is reached. */
  private final class PagedIterator<T> implements Iterator<T> {
    private final Function<Object, List<T>> parse;
    private URI next;
    private Iterator<T> page = Collections.emptyIterator();

    PagedIterator(URI first, Function<Object, List<T>> parse) {
      this.next = first;
      this.parse = parse;
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && next != null) {
        Response response = send("GET", next, null, true, bearerToken());
        String link = response.nextPage();
        next = link == null ? null : endpoint.follow(link);
        page = parse.apply(response.json()).iterator();
      }
      return page.hasNext();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }
  }
}
