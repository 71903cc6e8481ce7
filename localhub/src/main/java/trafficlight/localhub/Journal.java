package trafficlight.localhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only journal of a hub with a data directory: one JSON line per {@link JournalEntry},
 * forced to disk before the change is acknowledged. A torn last line (a crash mid-write) is cut off
 * when the journal is opened.
 */
final class Journal implements AutoCloseable {
  static final String FILE_NAME = "journal.jsonl";

  private final FileChannel channel;

  private Journal(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens (or creates) the journal in {@code dataDir} and returns it with the entries so far. */
  static Opened open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve(FILE_NAME);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      channel.truncate(end);
      channel.position(end);
      List<JournalEntry> entries = new ArrayList<>();
      for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          entries.add(Json.MAPPER.readValue(line, JournalEntry.class));
        }
      }
      return new Opened(new Journal(channel), entries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + dataDir, e);
    }
  }

  record Opened(Journal journal, List<JournalEntry> entries) {}

  /** Appends the entry and forces it to disk. */
  synchronized void append(JournalEntry entry) {
    byte[] line = (Json.write(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the journal", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
