package trafficlight.board;

import com.fasterxml.jackson.jr.ob.JSON;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the builds an issue body or comment records: the resource's deploy records ({@code <!--
 * trafficlight:deploy {...} -->}, written with the put param {@code commit_from}) or, without them,
 * the build log links of mitodl's default body ({@code [the build log](URL)}).
 */
public final class DeployRecords {

  private static final Pattern RECORD =
      Pattern.compile("<!--\\s*trafficlight:deploy\\s+(\\{.*?\\})\\s*-->");
  private static final Pattern LOG_LINK =
      Pattern.compile(
          "\\[[^\\]\\n]*build log[^\\]\\n]*\\]\\((https?://[^)\\s]+)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern BUILD_NUMBER = Pattern.compile("build number (\\S+?)\\.?(?:\\s|$)");
  private static final Pattern URL_PARTS =
      Pattern.compile("/pipelines/([^/?#]+)/jobs/([^/?#]+)/builds/([^/?#]+)");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  private DeployRecords() {}

  /** The builds a text records, in order; empty when it records none (a person's comment). */
  public static List<Build> parse(String text, long issue, Instant at) {
    List<Build> builds = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return builds;
    }
    Set<String> seen = new LinkedHashSet<>();
    Matcher m = RECORD.matcher(text);
    while (m.find()) {
      Build build = fromJson(m.group(1), issue, at);
      if (build != null && seen.add(key(build))) {
        builds.add(build);
      }
    }
    if (!builds.isEmpty()) {
      return builds;
    }
    Matcher link = LOG_LINK.matcher(text);
    while (link.find()) {
      String url = link.group(1);
      String pipeline = null;
      String job = null;
      String name = null;
      Matcher parts = URL_PARTS.matcher(url);
      if (parts.find()) {
        pipeline = parts.group(1);
        job = parts.group(2);
        name = parts.group(3);
      } else {
        Matcher number = BUILD_NUMBER.matcher(text);
        name = number.find() ? number.group(1) : null;
      }
      Build build = new Build(issue, at, name, job, pipeline, url, null, null);
      if (seen.add(key(build))) {
        builds.add(build);
      }
    }
    return builds;
  }

  private static String key(Build b) {
    return b.buildUrl() != null ? b.buildUrl() : b.commit() + "@" + b.buildName();
  }

  private static Build fromJson(String json, long issue, Instant at) {
    Map<String, Object> m;
    try {
      m = JSON.std.mapFrom(json);
    } catch (Exception unreadable) {
      return null;
    }
    String commit = string(m.get("commit"));
    if (commit != null && !SHA.matcher(commit).matches()) {
      commit = null;
    }
    return new Build(
        issue,
        at,
        string(m.get("build_name")),
        string(m.get("job")),
        string(m.get("pipeline")),
        string(m.get("build_url")),
        commit == null ? null : commit.toLowerCase(java.util.Locale.ROOT),
        string(m.get("subject")));
  }

  private static String string(Object value) {
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value).strip();
    return s.isEmpty() ? null : s;
  }
}
