package trafficlight.resource.gate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import trafficlight.resource.protocol.ResourceException;

/**
 * Reads the {@code body_file} put param: a relative path that must stay inside the put's sources
 * directory, symbolic links included, naming a UTF-8 text file.
 */
final class BodyFile {

  private BodyFile() {}

  static String read(Path sources, String bodyFile) {
    Path relative;
    try {
      relative = Path.of(bodyFile);
    } catch (InvalidPathException e) {
      throw new ResourceException("put param body_file \"" + bodyFile + "\" is not a valid path");
    }
    if (relative.isAbsolute()) {
      throw new ResourceException(
          "put param body_file must be relative to the build's directory (e.g."
              + " my-output/body.md), got the absolute path \""
              + bodyFile
              + "\"");
    }
    Path file;
    Path root;
    try {
      root = sources.toRealPath();
      file = sources.resolve(relative).toRealPath();
    } catch (NoSuchFileException e) {
      throw new ResourceException(
          "put param body_file \""
              + bodyFile
              + "\" does not exist: is the task that writes it an output of this job, and the"
              + " path relative to the build's directory?");
    } catch (IOException e) {
      throw new ResourceException("cannot read put param body_file \"" + bodyFile + "\": " + e);
    }
    if (!file.startsWith(root)) {
      throw new ResourceException(
          "put param body_file \""
              + bodyFile
              + "\" leads outside the build's directory (through '..' or a symbolic link);"
              + " name a file inside it");
    }
    if (!Files.isRegularFile(file)) {
      throw new ResourceException("put param body_file \"" + bodyFile + "\" is not a file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ResourceException("cannot read put param body_file \"" + bodyFile + "\": " + e);
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw binary(bodyFile);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw binary(bodyFile);
    }
  }

  private static ResourceException binary(String bodyFile) {
    return new ResourceException(
        "put param body_file \"" + bodyFile + "\" is not UTF-8 text; the issue body must be text");
  }
}
