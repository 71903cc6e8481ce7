package trafficlight.resource.gate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import trafficlight.github.GitHubClient;
import trafficlight.github.RetryPolicy;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.Resource;
import trafficlight.resource.protocol.Version;

/**
 * The github-issues resource: GitHub issues as promotion gates. A put opens (or comments on) the
 * issue of a deploy; closing it is the go-ahead; check sees the closed issue and get consumes it.
 */
public final class IssueGateResource implements Resource, AutoCloseable {

  private final SourceConfig source;
  private final GitHubClient github;
  private final Consumer<String> log;

  private IssueGateResource(SourceConfig source, Consumer<String> log) {
    this.source = source;
    this.log = log;
    this.github =
        new GitHubClient(
            source.endpoint(), source.credentials(), source.timeout(), RetryPolicy.DEFAULT, log);
  }

  /**
   * @param log where progress and warnings go (stderr: the build log)
   * @throws trafficlight.resource.protocol.ResourceException for a bad {@code source}
   */
  public static IssueGateResource fromSource(Map<String, Object> source, Consumer<String> log) {
    SourceConfig config = SourceConfig.parse(source);
    if (config.endpoint().plainHttpToRemoteHost()) {
      log.accept(
          "warning: gh_host "
              + config.endpoint().base()
              + " is plain http to another machine: credentials travel unencrypted; use https");
    }
    return new IssueGateResource(config, log);
  }

  @Override
  public List<Version> fetchNewVersions(Version previous) {
    return new VersionFinder(github, source).newerThan(previous);
  }

  @Override
  public Result downloadVersion(
      Version version, Path destination, BuildMetadata build, Map<String, Object> params) {
    boolean consume = GetParams.parse(params).consume();
    return new IssueConsumer(github, source, log).consume(version, destination, build, consume);
  }

  @Override
  public Result publishNewVersion(Path sources, BuildMetadata build, Map<String, Object> params) {
    return new IssuePublisher(github, source, log).publish(sources, build, PutParams.parse(params));
  }

  @Override
  public void close() {
    github.close();
  }
}
