package trafficlight.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one step of the resource executables in {@code dist/opt/resource} as Concourse does: a fresh
 * process, the request JSON on stdin, the directory as argument, BUILD_* in the environment, the
 * response JSON read from stdout.
 */
final class ResourceProcess {

  private final Path executables;

  ResourceProcess(Path executables) {
    if (!Files.isExecutable(executables.resolve("check"))) {
      throw new IllegalStateException(
          "no resource executables in " + executables + ": build with ./mvnw -DskipTests package");
    }
    this.executables = executables;
  }

  /** The executables of a checkout, found from the {@code trafficlight.root} property. */
  static ResourceProcess fromCheckout() {
    Path root = Path.of(System.getProperty("trafficlight.root", "."));
    return new ResourceProcess(root.resolve("dist/opt/resource"));
  }

  /** What one step answered. */
  record Response(Object json, String stderr) {}

  Response run(String command, Map<String, Object> request, Map<String, String> env, Path dir) {
    List<String> argv = new ArrayList<>(List.of(executables.resolve(command).toString()));
    if (dir != null) {
      argv.add(dir.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      process.getOutputStream().write(JSON.std.asBytes(request));
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      String errors = new String(stderr.join(), StandardCharsets.UTF_8);
      if (exit != 0) {
        throw new IllegalStateException(command + " failed (exit " + exit + "): " + errors.strip());
      }
      return new Response(JSON.std.anyFrom(stdout), errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(command + " interrupted", e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
