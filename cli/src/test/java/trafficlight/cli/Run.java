package trafficlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import picocli.CommandLine;

/** What a run of the command line gave: its exit code, stdout and stderr. */
record Run(int code, String out, String err) {

  /**
   * Runs a process to its end, at most 60 s, with nothing on its stdin and no {@code GITHUB_TOKEN}
   * from this environment.
   */
  static Run process(ProcessBuilder builder, String what) throws IOException, InterruptedException {
    builder.environment().remove("GITHUB_TOKEN");
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after 60 s: " + what);
    }
    return new Run(process.exitValue(), out, err.join());
  }

  /** Runs a command in this process, its output captured through {@code printTo}. */
  static Run inProcess(
      Object command, BiConsumer<PrintStream, PrintStream> printTo, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    printTo.accept(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = new CommandLine(command).execute(args.toArray(String[]::new));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
