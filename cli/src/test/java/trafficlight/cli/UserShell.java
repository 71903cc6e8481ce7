package trafficlight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A shell in a folder laid out as the project's root, with the {@code trafficlight} script (running
 * the packaged jar) in it and not on the PATH, which runs a command line as a user pastes it there:
 * environment assignments, quotes and all.
 */
final class UserShell {

  record Run(int code, String out, String err) {}

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
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", line).directory(root.toFile());
    builder.environment().remove("GITHUB_TOKEN");
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after 60 s: " + line);
    }
    return new Run(process.exitValue(), out, err.join());
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
