package trafficlight.github;

import java.util.regex.Pattern;

/** An {@code owner/name} repository coordinate, validated as GitHub would accept it. */
public record RepositoryName(String owner, String name) {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

  public RepositoryName {
    if (!PART.matcher(owner).matches() || !PART.matcher(name).matches()) {
      throw new IllegalArgumentException("not an owner/name repository: " + owner + "/" + name);
    }
  }

  /**
   * Parses {@code owner/name}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static RepositoryName parse(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length != 2
        || !PART.matcher(parts[0]).matches()
        || !PART.matcher(parts[1]).matches()) {
      throw new IllegalArgumentException(
          "repository must be \"owner/name\" (letters, digits, '-', '_' and '.'), got \""
              + text
              + "\"");
    }
    return new RepositoryName(parts[0], parts[1]);
  }

  /** The API path of the repository, {@code /repos/owner/name}. */
  public String path() {
    return "/repos/" + owner + "/" + name;
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
