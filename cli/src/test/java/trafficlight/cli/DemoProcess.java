package trafficlight.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code trafficlight demo} in a fresh JVM from the packaged jar, read line by line as a user reads
 * it; closing it is the user's Ctrl-C.
 */
final class DemoProcess implements AutoCloseable {

  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
  private final List<String> transcript = new ArrayList<>();

  private DemoProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "demo-output");
    reader.setDaemon(true);
    reader.start();
  }

  static Path root() {
    return Path.of(System.getProperty("trafficlight.root", ".."));
  }

  static Path jar() {
    return root().resolve("cli/target/trafficlight.jar");
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts {@code trafficlight demo}, its stdin open as a terminal's is. */
  static DemoProcess start() throws IOException {
    return new DemoProcess(
        new ProcessBuilder(
                java(), "-Dtrafficlight.root=" + root(), "-jar", jar().toString(), "demo")
            .redirectErrorStream(true)
            .start());
  }

  private void read() {
    try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(Optional.of(line));
      }
    } catch (IOException e) {
      // the process ended; what was read stays in the transcript
    } finally {
      lines.add(Optional.empty());
    }
  }

  /** The next line the demo prints. */
  String nextLine() throws InterruptedException {
    Optional<String> line = lines.poll(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError("the demo printed nothing for " + LINE_TIMEOUT + ":\n" + output());
    }
    if (line.isEmpty()) {
      lines.add(line);
      throw new AssertionError("the demo ended:\n" + output());
    }
    synchronized (transcript) {
      transcript.add(line.get());
    }
    return line.get();
  }

  /** Reads on to the first line that contains {@code text}, and returns it. */
  String awaitLine(String text) throws InterruptedException {
    for (String line = nextLine(); ; line = nextLine()) {
      if (line.contains(text)) {
        return line;
      }
    }
  }

  /** Everything read so far. */
  String output() {
    synchronized (transcript) {
      return String.join("\n", transcript) + "\n";
    }
  }

  /**
   * Sends SIGINT, as Ctrl-C in a terminal does, and waits for the end.
   *
   * @return the exit code
   */
  int interrupt() throws IOException, InterruptedException {
    assumeSigintIsHandled();
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -INT " + process.pid() + " failed");
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not end on SIGINT:\n" + output());
    }
    return process.exitValue();
  }

  /**
   * A process started in the background by a shell without job control ignores SIGINT from birth
   * (and so does the JVM then): Ctrl-C cannot be tried there.
   */
  private void assumeSigintIsHandled() throws IOException {
    Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
    Assumptions.assumeTrue(Files.exists(status), "no /proc: cannot tell whether SIGINT is ignored");
    long ignored =
        Files.readAllLines(status).stream()
            .filter(line -> line.startsWith("SigIgn:"))
            .map(line -> Long.parseUnsignedLong(line.substring(7).strip(), 16))
            .findFirst()
            .orElse(0L);
    Assumptions.assumeTrue(
        (ignored & (1L << (2 - 1))) == 0, "SIGINT is ignored in this environment (no job control)");
  }

  @Override
  public void close() {
    process.destroy(); // Ctrl-C
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the demo did not end on Ctrl-C:\n" + output());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
