package trafficlight.board;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The title format of gate issues, such as the default {@code [bot] <deployer> <project> <stage>
 * deployed.}: literal text with the placeholders {@code <project>} and {@code <stage>} (required)
 * and {@code <deployer>} (optional), each one word. A title may start with any number of {@code
 * [CONSUMED #n]} prefixes, which the resource's get adds once the next stage took the promotion.
 */
public final class TitleFormat {

  public static final String DEFAULT = "[bot] <deployer> <project> <stage> deployed.";

  private static final Pattern PLACEHOLDER = Pattern.compile("<(deployer|project|stage)>");
  private static final Pattern BRACES = Pattern.compile("\\{(deployer|project|stage)\\}");
  private static final String CONSUMED = "^(?:\\[CONSUMED #(?<consumed>[^\\]]*)\\]\\s*)*";

  private final String template;
  private final Pattern pattern;

  private TitleFormat(String template, Pattern pattern) {
    this.template = template;
    this.pattern = pattern;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException when {@code <project>} or {@code <stage>} is missing
   */
  public static TitleFormat parse(String template) {
    // the chain file's spelling, {project}, is accepted too
    template = BRACES.matcher(template).replaceAll("<$1>");
    if (!template.contains("<project>") || !template.contains("<stage>")) {
      throw new IllegalArgumentException(
          "title format must contain <project> and <stage> (and may contain <deployer>), got \""
              + template
              + "\"; the default is \""
              + DEFAULT
              + "\"");
    }
    StringBuilder regex = new StringBuilder(CONSUMED);
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (m.find()) {
      if (m.start() > at) {
        regex.append(Pattern.quote(template.substring(at, m.start())));
      }
      if (seen.add(m.group(1))) {
        regex.append("(?<").append(m.group(1)).append(">\\S+?)");
      } else {
        regex.append("\\k<").append(m.group(1)).append('>'); // named twice: the same text
      }
      at = m.end();
    }
    if (at < template.length()) {
      regex.append(Pattern.quote(template.substring(at)));
    }
    regex.append('$');
    return new TitleFormat(template, Pattern.compile(regex.toString()));
  }

  public static TitleFormat defaultFormat() {
    return parse(DEFAULT);
  }

  public String template() {
    return template;
  }

  /** What a title says, or empty when it does not follow the format. */
  public Optional<Title> match(String title) {
    if (title == null) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(title.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String deployer = template.contains("<deployer>") ? m.group("deployer") : null;
    return Optional.of(
        new Title(deployer, m.group("project"), m.group("stage"), m.group("consumed")));
  }

  /**
   * A parsed title.
   *
   * @param consumedBy the build named in the last {@code [CONSUMED #n]} prefix, or null
   */
  public record Title(String deployer, String project, String stage, String consumedBy) {}

  @Override
  public String toString() {
    return template;
  }
}
