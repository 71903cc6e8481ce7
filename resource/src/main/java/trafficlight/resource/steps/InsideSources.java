package trafficlight.resource.steps;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import trafficlight.gate.ResourceInterface.PutParam;
import trafficlight.resource.protocol.ResourceException;

/**
 * Resolves a put param naming a path in the build's directory: relative, existing, and inside the
 * directory after following symbolic links, so a pipeline cannot make the resource read (and
 * publish) files from elsewhere in the container.
 */
final class InsideSources {

  private InsideSources() {}

  /**
   * @param param the param, for messages
   * @param example a path to show in the message for an absolute path
   */
  static Path resolve(Path sources, PutParam param, String value, String example) {
    Path relative;
    try {
      relative = Path.of(value);
    } catch (InvalidPathException e) {
      throw problem(param, value, " is not a valid path");
    }
    if (relative.isAbsolute()) {
      throw new ResourceException(
          "put param "
              + param.key()
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
      throw problem(
          param,
          value,
          " does not exist: is the task that writes it an output of this job, and the path"
              + " relative to the build's directory?");
    } catch (IOException e) {
      throw new ResourceException(
          "cannot read put param " + param.key() + " \"" + value + "\": " + e);
    }
    if (!path.startsWith(root)) {
      throw problem(
          param,
          value,
          " leads outside the build's directory (through '..' or a symbolic link); name a file"
              + " inside it");
    }
    return path;
  }

  /** What is wrong with a put param's value: {@code put param NAME "VALUE"} and {@code what}. */
  static ResourceException problem(PutParam param, String value, String what) {
    return new ResourceException("put param " + param.key() + " \"" + value + "\"" + what);
  }
}
