package trafficlight.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A shell in a folder laid out as the project's root, with the {@code trafficlight} script (running
 * the packaged jar) in it and not on the PATH, which runs a command line as a user pastes it there:
 * environment assignments, quotes and all.
 */
final class UserShell {

  private final Path root;

  UserShell(Path dir) throws IOException {
    root = dir;
    Path command = root.resolve("trafficlight");
    Files.writeString(
        command,
        "#!/bin/sh\nexec '"
            + DemoProcess.java()
            + "' '-Dtrafficlight.root="
            + DemoProcess.root().toAbsolutePath()
            + "' -jar '"
            + DemoProcess.jar().toAbsolutePath()
            + "' \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Run run(String line) throws IOException, InterruptedException {
    return Run.process(new ProcessBuilder("sh", "-c", line).directory(root.toFile()), line);
  }
}
