package trafficlight.localhub;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code OWNER/NAME=PATH}, as {@code --code-repo} takes it: the repository whose code the git
 * repository at PATH holds.
 */
public record CodeRepositorySpec(String fullName, Path path) {
  private static final Pattern FULL_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  /**
   * Parses {@code OWNER/NAME=PATH}.
   *
   * @throws IllegalArgumentException in one line naming what is wrong
   */
  public static CodeRepositorySpec parse(String text) {
    int eq = text.indexOf('=');
    String name = eq < 0 ? "" : text.substring(0, eq).strip();
    String path = eq < 0 ? "" : text.substring(eq + 1).strip();
    if (!FULL_NAME.matcher(name).matches() || path.isEmpty()) {
      throw new IllegalArgumentException(
          "--code-repo must be OWNER/NAME=PATH (PATH a git repository), got \"" + text + "\"");
    }
    return new CodeRepositorySpec(name, Path.of(path));
  }
}
