package trafficlight.resource.steps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import trafficlight.gate.GateEvents;
import trafficlight.github.FileResponseCache;
import trafficlight.github.GitHubClient;
import trafficlight.github.ResponseCache;
import trafficlight.github.RetryPolicy;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.Resource;
import trafficlight.resource.protocol.Version;
import trafficlight.resource.pulls.PullRequestComments;

/**
 * The github-issues resource: GitHub issues as promotion gates. A put opens (or comments on) the
 * issue of a deploy; closing it is the go-ahead; check sees the closed issue and get consumes it.
 *
 * <p>check keeps a {@link FileResponseCache} in the temporary directory: Concourse reuses a
 * resource's check container between checks, so the next check asks with {@code If-None-Match} and,
 * while nothing changed, GitHub answers {@code 304 Not Modified}, which costs no rate limit. in and
 * out do not use it: each runs in a fresh container (a get's or put's volume is not kept for the
 * next step), so a cache would never be read again, and their reads must see GitHub's latest state
 * before they write.
 */
public final class IssueGateResource implements Resource, AutoCloseable {

  private final SourceConfig source;
  private final Consumer<String> log;
  private final Path checkCacheFile;
  private final String cacheKey;
  private final GateEvents events;
  private GitHubClient github;

  private IssueGateResource(
      SourceConfig source,
      Consumer<String> log,
      Path checkCacheFile,
      String cacheKey,
      GateEvents events) {
    this.source = source;
    this.log = log;
    this.checkCacheFile = checkCacheFile;
    this.cacheKey = cacheKey;
    this.events = events;
  }

  /**
   * The resource as the executables run it: check caches in {@code $TMPDIR} when set, else in the
   * system temporary directory.
   *
   * @param log where progress and warnings go (stderr: the build log)
   * @throws trafficlight.resource.protocol.ResourceException for a bad {@code source}
   */
  public static IssueGateResource fromSource(Map<String, Object> source, Consumer<String> log) {
    return fromSource(source, log, defaultCacheDirectory());
  }

  /**
   * @param cacheDirectory where check keeps its response cache; null for none
   */
  public static IssueGateResource fromSource(
      Map<String, Object> source, Consumer<String> log, Path cacheDirectory) {
    return fromSource(source, log, cacheDirectory, GateEvents.NONE);
  }

  /**
   * @param events what reacts to the gate events that put and get send
   */
  public static IssueGateResource fromSource(
      Map<String, Object> source, Consumer<String> log, Path cacheDirectory, GateEvents events) {
    SourceConfig config = SourceConfig.parse(source);
    if (config.endpoint().plainHttpToRemoteHost()) {
      log.accept(
          "warning: gh_host "
              + config.endpoint().base()
              + " is plain http to another machine: credentials travel unencrypted; use https");
    }
    if ("https".equals(config.endpoint().base().getScheme())) {
      // before the cache key's digest, the first use of a security provider: see NativeTls
      NativeTls.install(log);
    }
    String key = CheckCacheKey.of(source);
    Path file = cacheDirectory == null ? null : cacheDirectory.resolve(cacheFileName(key));
    return new IssueGateResource(config, log, file, key, events);
  }

  /** {@code $TMPDIR} when set, else the JVM's temporary directory. */
  static Path defaultCacheDirectory() {
    String tmpdir = System.getenv("TMPDIR");
    if (tmpdir != null && !tmpdir.isBlank()) {
      return Path.of(tmpdir);
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** The cache file of a configuration: named by (part of) its key, which holds no secret. */
  static String cacheFileName(String key) {
    return "trafficlight-check-" + key.substring(0, 32) + ".json";
  }

  @Override
  public List<Version> fetchNewVersions(Version previous) {
    if (checkCacheFile == null) {
      return new VersionFinder(client(ResponseCache.NONE), source, log).newerThan(previous);
    }
    FileResponseCache cache =
        FileResponseCache.load(checkCacheFile, cacheKey, FileResponseCache.Limits.DEFAULT);
    List<Version> versions = new VersionFinder(client(cache), source, log).newerThan(previous);
    // Only after a check that succeeded; a cache that cannot be written costs nothing but the 304.
    cache.save();
    return versions;
  }

  @Override
  public Result downloadVersion(
      Version version, Path destination, BuildMetadata build, Map<String, Object> params) {
    boolean consume = GetParams.parse(params).consume();
    return new IssueConsumer(client(ResponseCache.NONE), source, log, events)
        .consume(version, destination, build, consume);
  }

  @Override
  public Result publishNewVersion(Path sources, BuildMetadata build, Map<String, Object> params) {
    PutParams put = PutParams.parse(params);
    GitHubClient github = client(ResponseCache.NONE);
    GateEvents reactions = events;
    if (put.prComments()) {
      List<String> labels = new ArrayList<>(source.labels());
      labels.addAll(put.labels());
      boolean last = PullRequestComments.isLastStage(labels, put.nextStage());
      reactions = GateEvents.all(List.of(events, new PullRequestComments(github, log, last)));
    }
    return new IssuePublisher(github, source, log, reactions).publish(sources, build, put);
  }

  /** The client of this run's one command, made on first use with that command's cache. */
  private GitHubClient client(ResponseCache cache) {
    if (github == null) {
      github =
          new GitHubClient(
              source.endpoint(),
              source.credentials(),
              source.timeout(),
              RetryPolicy.DEFAULT,
              log,
              cache);
    }
    return github;
  }

  @Override
  public void close() {
    if (github != null) {
      github.close();
    }
  }
}
