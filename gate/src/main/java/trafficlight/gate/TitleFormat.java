package trafficlight.gate;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The title format of gate issues, such as the default {@code [bot] {deployer} {project} {stage}
 * deployed.}: literal text with the placeholders {@code {project}} and {@code {stage}} (required)
 * and {@code {deployer}} (optional). The generator renders titles with it; the board matches them.
 * A matched title may start with any number of {@link ConsumedPrefix consumed prefixes}.
 */
public final class TitleFormat {

  /** mitodl's title, with the deployer and the project named. */
  public static final String DEFAULT = "[bot] {deployer} {project} {stage} deployed.";

  /** The placeholders a format may use. */
  public static final List<String> PLACEHOLDERS = List.of("{deployer}", "{project}", "{stage}");

  /** What the default format ends with; a stage's issue prefix is the title without it. */
  static final String DEPLOYED_SUFFIX = " deployed.";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(deployer|project|stage)\\}");
  private static final Pattern ANGLE = Pattern.compile("<(deployer|project|stage)>");

  private final String template;
  private final Pattern pattern;

  private TitleFormat(String template, Pattern pattern) {
    this.template = template;
    this.pattern = pattern;
  }

  /**
   * Parses a format.
   *
   * @throws IllegalArgumentException when {@code {project}} or {@code {stage}} is missing
   */
  public static TitleFormat parse(String template) {
    Matcher angle = ANGLE.matcher(template);
    if (angle.find()) {
      throw new IllegalArgumentException(
          "title format \""
              + template
              + "\" uses "
              + angle.group()
              + ": placeholders are written {"
              + angle.group(1)
              + "}, as in the chain file (the default is \""
              + DEFAULT
              + "\")");
    }
    if (!template.contains("{project}") || !template.contains("{stage}")) {
      throw new IllegalArgumentException(
          "title format must contain {project} and {stage} (and may contain {deployer}), got \""
              + template
              + "\"; the default is \""
              + DEFAULT
              + "\"");
    }
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    Set<String> seen = new HashSet<>();
    int at = 0;
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
    return new TitleFormat(template, Pattern.compile(regex.toString()));
  }

  public static TitleFormat defaultFormat() {
    return parse(DEFAULT);
  }

  public String template() {
    return template;
  }

  /** The title of a stage's issues. */
  public String render(String deployer, String project, String stage) {
    return template
        .replace("{deployer}", deployer == null ? "" : deployer)
        .replace("{project}", project)
        .replace("{stage}", stage);
  }

  /**
   * The issue prefix that identifies a stage's issues (a trigger resource's {@code issue_prefix}):
   * the title without a trailing {@code " deployed."}.
   */
  public String prefix(String deployer, String project, String stage) {
    String title = render(deployer, project, stage);
    return title.endsWith(DEPLOYED_SUFFIX)
        ? title.substring(0, title.length() - DEPLOYED_SUFFIX.length())
        : title;
  }

  /** What a title says, or empty when it does not follow the format. */
  public Optional<Title> match(String title) {
    if (title == null) {
      return Optional.empty();
    }
    ConsumedPrefix.Stripped stripped = ConsumedPrefix.strip(title.strip());
    Matcher m = pattern.matcher(stripped.title());
    if (!m.matches()) {
      return Optional.empty();
    }
    String deployer = template.contains("{deployer}") ? m.group("deployer") : null;
    return Optional.of(
        new Title(deployer, m.group("project"), m.group("stage"), stripped.consumedBy()));
  }

  /**
   * A matched title.
   *
   * @param consumedBy the build named by the title's consumed prefix, or null when it has none
   */
  public record Title(String deployer, String project, String stage, String consumedBy) {

    /** {@link TitleFormat#shortStage} of the stage. */
    public String shortStage() {
      return TitleFormat.shortStage(stage);
    }
  }

  /**
   * A stage as people say it and the board's columns show it: the last dot-separated part of the
   * title's stage ({@code applications.myapp.QA} is {@code QA}); a name without one as it is.
   */
  public static String shortStage(String stage) {
    int dot = stage.lastIndexOf('.');
    return dot >= 0 && dot < stage.length() - 1 ? stage.substring(dot + 1) : stage;
  }

  /**
   * The short stage of an issue title in the default format ({@code [bot] Pulumi myapp
   * applications.myapp.QA deployed.} is {@code QA}): the GitHub environment a put records and the
   * stage a pull-request comment names; empty for a title of another form.
   */
  public static Optional<String> shortStageOfDefaultTitle(String title) {
    return defaultFormat().match(title).map(Title::shortStage).filter(stage -> !stage.isBlank());
  }

  @Override
  public String toString() {
    return template;
  }
}
