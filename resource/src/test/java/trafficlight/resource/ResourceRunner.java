package trafficlight.resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import trafficlight.gate.GateEvents;
import trafficlight.resource.protocol.ConcourseProtocol;
import trafficlight.resource.steps.IssueGateResource;

/** Runs one resource command with a request on stdin, an environment and arguments. */
interface ResourceRunner {

  Run run(String command, String stdin, Map<String, String> env, List<String> args);

  /** The protocol and resource called in this JVM: what the executables do, minus the JVM. */
  ResourceRunner IN_PROCESS = inProcess(GateEvents.NONE);

  /** {@link #IN_PROCESS}, with the resource's gate events sent to {@code events}. */
  static ResourceRunner inProcess(GateEvents events) {
    return (command, stdin, env, args) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
      int exit =
          new ConcourseProtocol(
                  // check caches only where the test's TMPDIR says: none unless it sets one
                  source ->
                      IssueGateResource.fromSource(
                          source,
                          stderr::println,
                          env.containsKey("TMPDIR") ? Path.of(env.get("TMPDIR")) : null,
                          events))
              .run(
                  command,
                  args,
                  new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  stderr,
                  env);
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    };
  }

  /**
   * The executables of {@code dist/opt/resource}, as Concourse runs them: a fresh process per step,
   * the request on stdin, the directory as argument, BUILD_* in the environment.
   */
  ResourceRunner DIST =
      executables(
          Path.of(System.getProperty("trafficlight.root", "..")).resolve("dist/opt/resource"));

  /** The executables check, in and out of a resource tree laid out as {@code /opt/resource}. */
  static ResourceRunner executables(Path dist) {
    return (command, stdin, env, args) -> {
      List<String> argv = new ArrayList<>(List.of(dist.resolve(command).toString()));
      argv.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(argv);
      builder
          .environment()
          .keySet()
          .removeIf(
              k -> k.startsWith("BUILD_") || k.startsWith("ATC_") || k.startsWith("SSL_CERT_"));
      builder.environment().putAll(env);
      try {
        Process process = builder.start();
        CompletableFuture<byte[]> err =
            CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(command + " did not finish in 120 s");
        }
        return new Run(
            process.exitValue(),
            new String(out, StandardCharsets.UTF_8),
            new String(err.join(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
