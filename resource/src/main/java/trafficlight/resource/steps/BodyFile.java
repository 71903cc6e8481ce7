package trafficlight.resource.steps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import trafficlight.gate.ResourceInterface.PutParam;
import trafficlight.resource.protocol.ResourceException;

/** Reads the {@code body_file} put param: a UTF-8 text file inside the put's sources directory. */
final class BodyFile {

  private BodyFile() {}

  static String read(Path sources, String bodyFile) {
    Path file = InsideSources.resolve(sources, PutParam.BODY_FILE, bodyFile, "my-output/body.md");
    if (!Files.isRegularFile(file)) {
      throw InsideSources.problem(PutParam.BODY_FILE, bodyFile, " is not a file");
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
    return InsideSources.problem(
        PutParam.BODY_FILE, bodyFile, " is not UTF-8 text; the issue body must be text");
  }
}
