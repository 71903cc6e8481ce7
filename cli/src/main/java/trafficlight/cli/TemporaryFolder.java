package trafficlight.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A folder of the user's temporary directory that is removed, with everything in it, however the
 * process ends: on {@link #close()}, and on Ctrl-C or a kill through a shutdown hook. The demo
 * keeps a token file in it.
 */
final class TemporaryFolder implements AutoCloseable {

  /** How long removal keeps trying while other threads, still shutting down, write into it. */
  private static final int ATTEMPTS = 50;

  private static final long PAUSE_MILLIS = 100;

  /**
   * How long the hook lets the owner finish closing what writes into the folder (a Ctrl-C ends the
   * interactive demo's wait, and it closes its servers and runner) before removing it anyway.
   */
  private static final long CLOSE_WAIT_SECONDS = 3;

  private final Path path;
  private final Thread hook;
  private final CountDownLatch closed = new CountDownLatch(1);

  private TemporaryFolder(Path path) {
    this.path = path;
    this.hook = new Thread(this::removeAtExit, "remove-" + path.getFileName());
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A new folder, readable by this user only, named {@code prefix} and a random part. */
  static TemporaryFolder create(String prefix) throws IOException {
    return new TemporaryFolder(Files.createTempDirectory(prefix));
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it removes the folder too
    }
    remove();
  }

  private void removeAtExit() {
    try {
      closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    remove();
  }

  /** Removes the folder; retries while files appear in it (a process still writing its output). */
  private void remove() {
    for (int attempt = 1; ; attempt++) {
      try {
        removeOnce();
        return;
      } catch (IOException | UncheckedIOException e) {
        if (attempt >= ATTEMPTS) {
          System.err.println("could not remove " + path + ": " + e.getMessage());
          return;
        }
        try {
          Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void removeOnce() throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> all = Files.walk(path)) {
      deepestFirst = all.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : deepestFirst) {
      try {
        Files.delete(p);
      } catch (NoSuchFileException gone) {
        // removed meanwhile
      }
    }
  }
}
