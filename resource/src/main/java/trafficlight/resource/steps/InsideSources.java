package trafficlight.resource.steps;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import trafficlight.resource.protocol.ResourceException;

/**
 * Resolves a put param naming a path in the build's directory: relative, existing, and inside the
 * directory after following symbolic links, so a pipeline cannot make the resource read (and
 * publish) files from elsewhere in the container.
 */
final class InsideSources {

  private InsideSources() {}

  /**
   * @param param the param's name, for messages
   * @param example a path to show in the message for an absolute path
   */
  static Path resolve(Path sources, String param, String value, String example) {
    Path relative;
    try {
      relative = Path.of(value);
    } catch (InvalidPathException e) {
      throw new ResourceException("put param " + param + " \"" + value + "\" is not a valid path");
    }
    if (relative.isAbsolute()) {
      throw new ResourceException(
          "put param "
              + param
              + " must be relative to the build's directory (e.g. "
              + example
              + "), got the absolute path \""
              + value
              + "\"");
    }
    Path path;
    Path root;
    try {
      root = sources.toRealPath();
      path = sources.resolve(relative).toRealPath();
    } catch (NoSuchFileException e) {
      throw new ResourceException(
          "put param "
              + param
              + " \""
              + value
              + "\" does not exist: is the task that writes it an output of this job, and the"
              + " path relative to the build's directory?");
    } catch (IOException e) {
      throw new ResourceException("cannot read put param " + param + " \"" + value + "\": " + e);
    }
    if (!path.startsWith(root)) {
      throw new ResourceException(
          "put param "
              + param
              + " \""
              + value
              + "\" leads outside the build's directory (through '..' or a symbolic link);"
              + " name a file inside it");
    }
    return path;
  }
}
