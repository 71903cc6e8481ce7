package trafficlight.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import trafficlight.board.flow.FlowJson;
import trafficlight.board.flow.FlowReader;
import trafficlight.board.flow.FlowReport;
import trafficlight.board.flow.FlowTable;
import trafficlight.board.flow.ProjectFlow;
import trafficlight.gate.TitleFormat;
import trafficlight.github.FileResponseCache;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.ResponseCache;

/**
 * {@code trafficlight stats}: where changes wait, from the gate issues over a window. Each gate
 * issue's comments are read once; with the cache file a repeated run asks only conditional
 * questions, which GitHub answers {@code 304} without counting them against the rate limit.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description =
        "Deploys, gate waits, promotion delays and lead times per project and stage, and the gates"
            + " open now, from the gate issues.")
public final class StatsCommand implements Callable<Integer> {

  private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([mhdw])");

  @Mixin GitHubOptions github;

  @Option(
      names = "--since",
      defaultValue = "90d",
      paramLabel = "<span>",
      description = "How far back: 30d, 12h, 2w, 45m (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--project", description = "Only this project.")
  String project;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(
      names = "--cache-file",
      paramLabel = "<file>",
      description =
          "Keep GitHub's answers in this file between runs, so a repeated run costs only"
              + " conditional requests (default: stats-cache.json in $XDG_CACHE_HOME/trafficlight"
              + " or ~/.cache/trafficlight).")
  Path cacheFile;

  @Option(names = "--no-cache-file", description = "Keep nothing between runs.")
  boolean noCacheFile;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    Duration window;
    TitleFormat format;
    try {
      window = span(since);
      format = TitleFormat.parse(github.titleFormat);
      github.repo();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return OneShotBoardCommand.REFUSED;
    }
    ResponseCache cache = cache();
    try (GitHubClient client = github.client(cache)) {
      FlowReport report =
          new FlowReader(client, github.repo(), format, Clock.systemUTC()).read(window);
      if (project != null) {
        List<ProjectFlow> only = report.project(project).map(List::of).orElse(List.of());
        if (only.isEmpty()) {
          err.println(
              "no project \""
                  + project
                  + "\" in "
                  + report.repository()
                  + "; projects: "
                  + String.join(
                      ", ", report.projects().stream().map(ProjectFlow::project).toList()));
          return OneShotBoardCommand.REFUSED;
        }
        report = new FlowReport(report.repository(), report.since(), report.until(), only);
      }
      out.print(json ? FlowJson.write(report, true) + "\n" : FlowTable.render(report));
      if (cache instanceof FileResponseCache file && !file.save()) {
        err.println("warning: could not write the cache file " + file.file());
      }
      return 0;
    } catch (GitHubException e) {
      err.println(e.getMessage());
      return OneShotBoardCommand.GITHUB_FAILED;
    }
  }

  private ResponseCache cache() {
    if (noCacheFile) {
      return new MemoryResponseCache(5000);
    }
    Path file = cacheFile != null ? cacheFile : defaultCacheFile();
    return FileResponseCache.load(
        file,
        "stats " + github.ghHost + " " + github.repository,
        new FileResponseCache.Limits(20_000, 64L << 20));
  }

  private static Path defaultCacheFile() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("trafficlight").resolve("stats-cache.json");
  }

  /** {@code 30d}, {@code 12h}, {@code 2w}, {@code 45m}, or an ISO-8601 duration ({@code P30D}). */
  static Duration span(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SPAN.matcher(t);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
          };
    } else {
      try {
        d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        d = null;
      }
    }
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(
          "--since \""
              + text
              + "\" is not a span of time: write a positive number and a unit, e.g. 30d, 12h, 2w"
              + " or 45m");
    }
    return d;
  }
}
