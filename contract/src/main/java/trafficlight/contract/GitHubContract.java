package trafficlight.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * GitHub's official OpenAPI description (npm {@code @octokit/openapi}, pinned in {@code
 * contract/npm}) as a test oracle for requests and responses of the {@link UsedOperations}.
 *
 * <p>Instances are immutable; the trimmed description and its validator are loaded once per JVM and
 * description, lazily. Options return a new instance sharing them.
 *
 * <p>Exchanges on paths that the project does not list in {@link UsedOperations}, or that GitHub's
 * description does not describe (e.g. {@code GET /repositories/{repository_id}/issues}, the target
 * of GitHub's own {@code Link} headers), are violations: they cannot be checked, so they do not
 * pass silently. See {@link #validatingRepositoryIdIssuesAsRepoIssues()}.
 */
public final class GitHubContract {

  private static final String ENTERPRISE_PREFIX = "/api/v3";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<Path, Loaded> CACHE = new ConcurrentHashMap<>();

  /** Everything derived from one description file, built once per JVM. */
  static final class Loaded {
    final Description description;
    final OpenApiInteractionValidator validator;
    final JsonNode trimmed;
    final Duration loadTime;

    Loaded(Description description, OpenApiInteractionValidator validator, Duration loadTime) {
      this.description = description;
      this.validator = validator;
      this.loadTime = loadTime;
      try {
        this.trimmed = MAPPER.readTree(description.trimmedJson);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final Supplier<Path> file;
  private final boolean enterprise;
  private final boolean anyUndocumentedStatus;
  private final Set<Integer> undocumentedStatuses;
  private final boolean repositoryIdAsRepo;

  private GitHubContract(
      Supplier<Path> file,
      boolean enterprise,
      boolean anyUndocumentedStatus,
      Set<Integer> undocumentedStatuses,
      boolean repositoryIdAsRepo) {
    this.file = file;
    this.enterprise = enterprise;
    this.anyUndocumentedStatus = anyUndocumentedStatus;
    this.undocumentedStatuses = Set.copyOf(undocumentedStatuses);
    this.repositoryIdAsRepo = repositoryIdAsRepo;
  }

  /** The api.github.com description. Paths are as on api.github.com (no prefix). */
  public static GitHubContract apiGitHubCom() {
    return new GitHubContract(NpmPackages::apiGitHubComDescription, false, false, Set.of(), false);
  }

  /**
   * The newest GitHub Enterprise Server 3.x description the pinned package ships. Paths given to it
   * carry the {@code /api/v3} prefix (the API base on GHES), which is stripped; a path without it
   * is a violation.
   */
  public static GitHubContract enterpriseServer() {
    return new GitHubContract(
        NpmPackages::newestEnterpriseServerDescription, true, false, Set.of(), false);
  }

  /**
   * Skips response validation when the response status is not documented for the operation (e.g. a
   * fault-injected 502 or 429). By default an undocumented status is a violation. Requests are
   * still validated.
   */
  public GitHubContract allowingAnyUndocumentedStatus() {
    return new GitHubContract(file, enterprise, true, Set.of(), repositoryIdAsRepo);
  }

  /** Like {@link #allowingAnyUndocumentedStatus()}, but only for the given status codes. */
  public GitHubContract allowingUndocumentedStatus(int... statuses) {
    if (statuses.length == 0) {
      throw new IllegalArgumentException("name the statuses, or use allowingAnyUndocumentedStatus");
    }
    Set<Integer> all = new HashSet<>(undocumentedStatuses);
    for (int s : statuses) {
      all.add(s);
    }
    return new GitHubContract(file, enterprise, anyUndocumentedStatus, all, repositoryIdAsRepo);
  }

  /**
   * Validates {@code GET /repositories/{repository_id}/issues} (not in GitHub's description, but
   * where GitHub's {@code Link} headers for issue lists point) as if it were {@code GET
   * /repos/{owner}/{repo}/issues}: same query parameters, same response. That equivalence is an
   * assumption about GitHub's behaviour, not something the description states; without this option
   * such exchanges are reported as "not in the description".
   */
  public GitHubContract validatingRepositoryIdIssuesAsRepoIssues() {
    return new GitHubContract(file, enterprise, anyUndocumentedStatus, undocumentedStatuses, true);
  }

  /** E.g. "api.github.com (@octokit/openapi 23.0.2)". Loads the description if needed. */
  public String descriptionName() {
    Loaded l = loaded();
    return l.description.name + " (@octokit/openapi " + l.description.version + ")";
  }

  /** The description file read (inside contract/npm/node_modules). */
  public Path descriptionFile() {
    return loaded().description.file;
  }

  /** How long loading, trimming and building the validator took (once per JVM). */
  public Duration loadTime() {
    return loaded().loadTime;
  }

  /** The used operations that the description does not describe. */
  public Set<UsedOperations.Operation> undescribedOperations() {
    return loaded().description.undescribed;
  }

  /** Violations of the request part of the exchange; empty when it conforms. */
  public List<String> requestViolations(Exchange e) {
    Loaded l = loaded();
    Resolution r = resolve(l, e);
    if (r.problem != null) {
      return List.of(r.problem);
    }
    List<String> out = new ArrayList<>();
    out.addAll(acceptViolations(e));
    out.addAll(messages("request", l.validator.validateRequest(toRequest(e, r.path))));
    return out;
  }

  /** Violations of the response part of the exchange; empty when it conforms. */
  public List<String> responseViolations(Exchange e) {
    Loaded l = loaded();
    Resolution r = resolve(l, e);
    if (r.problem != null) {
      return List.of(r.problem);
    }
    if (!documentsStatus(l, r.operation, e.status())
        && (anyUndocumentedStatus || undocumentedStatuses.contains(e.status()))) {
      return List.of();
    }
    SimpleResponse.Builder b = SimpleResponse.Builder.status(e.status());
    e.responseHeaders().forEach((k, v) -> b.withHeader(k, v == null ? List.of() : v));
    if (e.responseBody() != null) {
      b.withBody(e.responseBody());
    }
    return messages("response", l.validator.validateResponse(r.path, method(e), b.build()));
  }

  /** Throws an AssertionError listing every violation (request and response) of the exchange. */
  public void assertConforms(Exchange e) {
    assertConforms(List.of(e));
  }

  /** Throws an AssertionError listing every violation of all the exchanges. */
  public void assertConforms(Collection<Exchange> all) {
    ViolationReport report = new ViolationReport();
    for (Exchange e : all) {
      List<String> v = new ArrayList<>(requestViolations(e));
      // An unresolvable path yields the same message twice; report it once.
      responseViolations(e).stream().filter(m -> !v.contains(m)).forEach(v::add);
      report.add(e.describe(), v);
    }
    report.throwIfAny(
        "GitHub's OpenAPI description " + descriptionName(), all.size() + " exchange(s)");
  }

  // ---------------------------------------------------------------------------------------------

  Loaded loaded() {
    Path p = file.get();
    return CACHE.computeIfAbsent(p, GitHubContract::load);
  }

  private static Loaded load(Path p) {
    long start = System.nanoTime();
    Description d = Description.load(p);
    OpenApiInteractionValidator v =
        OpenApiInteractionValidator.createForInlineApiSpecification(d.trimmedJson)
            .withLevelResolver(levels())
            .build();
    return new Loaded(d, v, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Validator levels: everything is an error, with the exceptions documented here. */
  static LevelResolver levels() {
    return LevelResolver.create()
        .withDefaultLevel(ValidationReport.Level.ERROR)
        // A query parameter the operation does not declare (e.g. "status=open" for "state") is a
        // client bug; the library ignores these by default.
        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
        // GitHub documents "Accept: application/vnd.github+json", while the description lists
        // responses as application/json only; acceptViolations() checks Accept instead.
        .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
        // OpenAPI semantics: properties a schema does not list are allowed unless the schema says
        // additionalProperties: false (those are still checked). The library would otherwise
        // inject additionalProperties: false everywhere, which rejects every allOf-composed
        // response (e.g. PATCH issue) and the extra fields GitHub itself sends ("status" in
        // error bodies, "network_count" in nested repositories).
        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
        .build();
  }

  private record Resolution(String path, UsedOperations.Operation operation, String problem) {}

  private Resolution resolve(Loaded l, Exchange e) {
    String method = e.method().toUpperCase(Locale.ROOT);
    String rawPath = e.path();
    if (enterprise) {
      if (!rawPath.startsWith(ENTERPRISE_PREFIX + "/")) {
        return new Resolution(
            rawPath,
            null,
            method
                + " "
                + rawPath
                + ": GitHub Enterprise Server paths start with "
                + ENTERPRISE_PREFIX);
      }
      rawPath = rawPath.substring(ENTERPRISE_PREFIX.length());
    }
    final String path = rawPath;
    Description d = l.description;
    Optional<UsedOperations.Operation> used =
        UsedOperations.ALL.stream()
            .filter(op -> op.method().equals(method) && matches(op.pathTemplate(), path))
            .findFirst();
    if (used.isEmpty()) {
      String what = method + " " + path;
      Optional<String> inFull =
          d.allOperations.stream()
              .filter(
                  o ->
                      o.startsWith(method + " ") && matches(o.substring(method.length() + 1), path))
              .findFirst();
      return new Resolution(
          path,
          null,
          inFull.isPresent()
              ? what
                  + ": "
                  + inFull.get()
                  + " is in the description but not in trafficlight.contract.UsedOperations;"
                  + " add it there to validate it"
              : what + ": not in GitHub's description " + d.name + " " + d.version);
    }
    UsedOperations.Operation op = used.get();
    if (d.undescribed.contains(op)) {
      if (op.equals(UsedOperations.LIST_ISSUES_BY_REPOSITORY_ID) && repositoryIdAsRepo) {
        String rewritten =
            path.replaceFirst(
                "^/repositories/([^/]+)/issues$", "/repos/repository-$1/by-id/issues");
        return new Resolution(
            rewritten, new UsedOperations.Operation("GET", "/repos/{owner}/{repo}/issues"), null);
      }
      return new Resolution(
          path,
          op,
          method
              + " "
              + path
              + ": "
              + op
              + " is not in GitHub's description "
              + d.name
              + " "
              + d.version
              + ", so it cannot be validated"
              + (op.equals(UsedOperations.LIST_ISSUES_BY_REPOSITORY_ID)
                  ? " (see GitHubContract.validatingRepositoryIdIssuesAsRepoIssues())"
                  : ""));
    }
    return new Resolution(String.join("/", segments(op.pathTemplate(), path)), op, null);
  }

  /**
   * Path parameters that GitHub's description marks {@code x-multi-segment} (a ref such as {@code
   * heads/main}, a {@code basehead} of branches with slashes): as the last segment of a template
   * they take the rest of the path.
   */
  static final Set<String> MULTI_SEGMENT = Set.of("{ref}", "{basehead}");

  static boolean matches(String template, String path) {
    String[] t = template.split("/", -1);
    String[] p = segments(template, path);
    if (t.length != p.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith("{") && t[i].endsWith("}")) {
        if (p[i].isEmpty()) {
          return false;
        }
      } else if (!t[i].equals(p[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The segments of {@code path} as {@code template} sees them: a multi-segment last parameter
   * takes the rest of the path, its slashes encoded ({@code %2F}) so the validator sees one
   * segment.
   */
  private static String[] segments(String template, String path) {
    String[] t = template.split("/", -1);
    String[] p = path.split("/", -1);
    if (t.length >= p.length || !MULTI_SEGMENT.contains(t[t.length - 1])) {
      return p;
    }
    String[] joined = Arrays.copyOf(p, t.length);
    joined[t.length - 1] = String.join("%2F", Arrays.copyOfRange(p, t.length - 1, p.length));
    return joined;
  }

  private static boolean documentsStatus(Loaded l, UsedOperations.Operation op, int status) {
    JsonNode responses =
        l.trimmed
            .path("paths")
            .path(op.pathTemplate())
            .path(op.method().toLowerCase(Locale.ROOT))
            .path("responses");
    String s = Integer.toString(status);
    return responses.has(s) || responses.has(s.charAt(0) + "XX") || responses.has("default");
  }

  /**
   * GitHub's documented media types: application/json and application/vnd.github[.*][+json] (e.g.
   * "application/vnd.github+json", "application/vnd.github.v3+json"), and wildcards.
   */
  private static List<String> acceptViolations(Exchange e) {
    List<String> out = new ArrayList<>();
    for (String value : header(e.requestHeaders(), "accept")) {
      for (String range : value.split(",")) {
        String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.isEmpty()
            || type.equals("*/*")
            || type.equals("application/*")
            || type.equals("application/json")
            || type.matches("application/vnd\\.github(\\.[a-z0-9-]+)*(\\+json)?")) {
          continue;
        }
        out.add("request: Accept media type '" + type + "' is not one GitHub documents");
      }
    }
    return out;
  }

  private static List<String> header(Map<String, List<String>> headers, String name) {
    List<String> out = new ArrayList<>();
    headers.forEach(
        (k, v) -> {
          if (k != null && k.equalsIgnoreCase(name) && v != null) {
            out.addAll(v);
          }
        });
    return out;
  }

  private static Request.Method method(Exchange e) {
    return Request.Method.valueOf(e.method().toUpperCase(Locale.ROOT));
  }

  private static Request toRequest(Exchange e, String path) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(method(e), path);
    e.requestHeaders().forEach((k, v) -> b.withHeader(k, v == null ? List.of() : v));
    if (e.requestBody() != null) {
      b.withBody(e.requestBody());
    }
    parseQuery(e.query()).forEach(b::withQueryParam);
    return b.build();
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static List<String> messages(String side, ValidationReport report) {
    List<String> out = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      StringBuilder sb = new StringBuilder(side).append(": [").append(m.getKey()).append("] ");
      sb.append(m.getMessage());
      for (ValidationReport.Message nested : m.getNestedMessages()) {
        sb.append("\n        ").append(nested.getMessage());
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Override
  public String toString() {
    return "GitHubContract[" + (enterprise ? "ghes" : "api.github.com") + "]";
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return Objects.hash(enterprise);
  }
}
