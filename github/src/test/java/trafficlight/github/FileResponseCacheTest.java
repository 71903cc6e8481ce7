package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.github.ResponseCache.Entry;

class FileResponseCacheTest {

  static final String KEY = "a".repeat(64);
  static final String URL = "https://api.github.com/repos/acme/gates/issues?state=closed";
  static final FileResponseCache.Limits LIMITS = FileResponseCache.Limits.DEFAULT;

  @TempDir Path dir;

  Path file() {
    return dir.resolve("cache.json");
  }

  FileResponseCache load() {
    return FileResponseCache.load(file(), KEY, LIMITS);
  }

  /** Saves a cache of the bodies, the first under {@code url(1)}, the next under url(2), .... */
  void savedWith(String... bodies) {
    FileResponseCache cache = load();
    for (int i = 0; i < bodies.length; i++) {
      cache.store(url(i + 1), entry(bodies[i]));
    }
    cache.save();
  }

  static Entry entry(String body) {
    return new Entry("W/\"" + body.hashCode() + "\"", body, null);
  }

  static String url(int i) {
    return URL + "&page=" + i;
  }

  @Test
  void entriesSurviveAReload() {
    FileResponseCache cache = load();
    Entry paged =
        new Entry(
            "W/\"abc\"", "[{\"number\":1,\"title\":\"é ✓\"}]", "<" + url(2) + ">; rel=\"next\"");
    cache.store(url(1), paged);
    cache.store(url(2), entry("[]"));
    assertThat(cache.save()).isTrue();

    FileResponseCache again = load();

    assertThat(again.lookup(url(1))).isEqualTo(paged);
    assertThat(again.lookup(url(2))).isEqualTo(entry("[]"));
    assertThat(again.lookup(URL)).isNull();
  }

  @Test
  void aMissingFileIsAnEmptyCache() {
    assertThat(load().urls()).isEmpty();
    assertThat(Files.exists(file())).isFalse();
  }

  @Test
  void anUnchangedCacheIsNotRewritten() throws Exception {
    FileResponseCache cache = load();
    cache.store(URL, entry("[1]"));
    cache.save();
    Files.setLastModifiedTime(file(), FileTime.fromMillis(0));

    FileResponseCache again = load();
    assertThat(again.lookup(URL)).isNotNull();
    again.store(URL, entry("[1]"));
    assertThat(again.save()).isTrue();

    assertThat(Files.getLastModifiedTime(file()).toMillis()).isZero();
  }

  @Test
  void corruptTruncatedAndForeignFilesAreIgnored() throws Exception {
    savedWith("[{\"number\":1}]", "[{\"number\":2}]");
    String valid = Files.readString(file());

    List<String> bad =
        List.of(
            "",
            "not json at all \u0000\u0001",
            valid.substring(0, valid.length() / 2),
            valid.substring(0, valid.length() - 1),
            "[]",
            "null",
            "{\"format\":\"trafficlight-response-cache/2\"}",
            "{\"format\":\"trafficlight-response-cache/2\"}\n",
            valid + "x",
            valid.replace(KEY, "b".repeat(64)),
            valid.replace("trafficlight-response-cache/2", "trafficlight-response-cache/3"),
            valid.replace("[{\"number\":2}]", "[{\"number\":3}]"),
            valid.replace("\"etag\":\"W/", "\"etag\":7,\"x\":\"W/"),
            "[".repeat(100_000));
    assertThat(valid).contains("[{\"number\":2}]");
    for (String content : bad) {
      Files.writeString(file(), content);
      FileResponseCache loaded = load();
      assertThat(loaded.urls())
          .as(content.length() > 200 ? content.substring(0, 200) : content)
          .isEmpty();
      // and it can be replaced by a good one
      loaded.store(URL, entry("[]"));
      assertThat(loaded.save()).isTrue();
      assertThat(load().lookup(URL)).isEqualTo(entry("[]"));
    }

    Files.delete(file());
    Files.createDirectory(file());
    assertThat(load().urls()).isEmpty();
  }

  @Test
  void aFileWithTheSameKeyOnlyAnswersThatKey() {
    FileResponseCache cache = load();
    cache.store(URL, entry("[1]"));
    cache.save();

    assertThat(FileResponseCache.load(file(), "b".repeat(64), LIMITS).lookup(URL)).isNull();
  }

  @Test
  void theLeastRecentlyUsedEntriesAreDroppedBeyondTheEntryLimit() {
    FileResponseCache cache =
        FileResponseCache.load(file(), KEY, new FileResponseCache.Limits(3, 1 << 20));
    cache.store(url(1), entry("[1]"));
    cache.store(url(2), entry("[2]"));
    cache.store(url(3), entry("[3]"));
    cache.lookup(url(1)); // used: url(2) is now the oldest
    cache.store(url(4), entry("[4]"));
    cache.save();

    assertThat(FileResponseCache.load(file(), KEY, new FileResponseCache.Limits(3, 1 << 20)).urls())
        .containsExactly(url(3), url(1), url(4));
    // a smaller limit applies to a file written under a larger one
    assertThat(FileResponseCache.load(file(), KEY, new FileResponseCache.Limits(1, 1 << 20)).urls())
        .containsExactly(url(4));
  }

  @Test
  void theOldestEntriesAreDroppedBeyondTheSizeLimit() {
    String body = "[\"" + "x".repeat(1000) + "\"]";
    long oneEntry = url(1).length() + entry(body).etag().length() + body.length();
    FileResponseCache.Limits limits = new FileResponseCache.Limits(100, oneEntry * 2 + 10);
    FileResponseCache cache = FileResponseCache.load(file(), KEY, limits);
    cache.store(url(1), entry(body));
    cache.store(url(2), entry(body));
    cache.store(url(3), entry(body));
    assertThat(cache.urls()).containsExactly(url(2), url(3));

    String huge = "[\"" + "y".repeat((int) oneEntry * 3) + "\"]";
    cache.store(url(3), entry(huge));
    assertThat(cache.urls()).as("too big to keep: not kept, and not stale").containsExactly(url(2));
    cache.save();
    assertThat(FileResponseCache.load(file(), KEY, limits).urls()).containsExactly(url(2));
  }

  @Test
  void aFileFarBeyondTheLimitsIsNotEvenRead() throws Exception {
    FileResponseCache.Limits small = new FileResponseCache.Limits(2, 100);
    Files.writeString(file(), " ".repeat(100_000));
    assertThat(FileResponseCache.load(file(), KEY, small).urls()).isEmpty();
  }

  @Test
  void urlsWithUserInformationAreNeverStored() {
    FileResponseCache cache = load();
    cache.store("https://bot:ghp_secret@ghe.example.com/api/v3/repos/a/b/issues", entry("[]"));
    cache.store("not a url", entry("[]"));
    cache.save();
    assertThat(cache.urls()).isEmpty();
    assertThat(Files.exists(file())).isFalse();
  }

  @Test
  void saveLeavesOnlyTheCacheFileAndReplacesItWhole() throws Exception {
    savedWith("[1]", "[2]");
    // an interrupted writer's temporary file is never read
    Files.writeString(dir.resolve(".cache.json.123.tmp"), "{\"format\":");

    FileResponseCache second = load();
    second.forget(url(1));
    second.save();

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("cache.json", ".cache.json.123.tmp");
    }
    assertThat(load().urls()).containsExactly(url(2));
  }

  @Test
  void aCacheThatCannotBeWrittenIsNoFailure() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    FileResponseCache cache =
        FileResponseCache.load(notADirectory.resolve("cache.json"), KEY, LIMITS);
    cache.store(URL, entry("[]"));

    assertThat(cache.save()).isFalse();
    assertThat(cache.lookup(URL)).isEqualTo(entry("[]"));
  }

  @Test
  void readersNeverSeeAHalfWrittenFile() throws Exception {
    FileResponseCache small = load();
    small.store(url(1), entry("[1]"));
    String body = "[\"" + "z".repeat(200_000) + "\"]";
    small.save();

    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger incomplete = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                if (load().lookup(url(1)) == null) {
                  incomplete.incrementAndGet();
                }
                reads.incrementAndGet();
              }
            });
    reader.start();
    for (int i = 0; i < 30; i++) {
      // rewrite the same file alternately with a small and a large cache
      FileResponseCache writer = load();
      if (i % 2 == 0) {
        writer.store(url(2), entry(body));
      } else {
        writer.forget(url(2));
      }
      assertThat(writer.save()).isTrue();
    }
    done.set(true);
    reader.join();

    assertThat(reads.get()).isPositive();
    assertThat(incomplete.get()).as("loads that found no complete file").isZero();
    // the last save dropped the large body: the file ends with the small one's
    assertThat(new String(Files.readAllBytes(file()), StandardCharsets.UTF_8)).endsWith("\n[1]");
  }
}
